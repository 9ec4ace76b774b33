package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Subscription;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerRetrieveParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionRetrieveParams;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionApiTest extends EmulatorTest {

    @Test
    void createsAnActiveSubscriptionAndSetsTheCustomersCurrency() throws StripeException {
        String customer = customer();

        Subscription subscription = subscribe(customer, "price_pro");

        assertThat(subscription.getId()).matches("sub_[0-9A-Za-z]{24}");
        assertThat(subscription.getStatus()).isEqualTo("active");
        assertThat(subscription.getCustomer()).isEqualTo(customer);
        assertThat(subscription.getCurrency()).isEqualTo("usd");
        assertThat(subscription.getItems().getData()).singleElement().satisfies(item -> {
            assertThat(item.getPrice().getId()).isEqualTo("price_pro");
            assertThat(item.getQuantity()).isEqualTo(1);
            assertThat(item.getCurrentPeriodEnd() - item.getCurrentPeriodStart())
                    .isEqualTo(Duration.ofDays(31).toSeconds());
        });
        assertThat(stripe.v1().customers().retrieve(customer).getCurrency()).isEqualTo("usd");
    }

    @Test
    void priceDataGivesTheCurrencyAndALaterSubscriptionMustKeepIt() throws StripeException {
        String customer = customer();
        Subscription euro = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .setCustomer(customer).setTrialPeriodDays(7L)
                .addItem(SubscriptionCreateParams.Item.builder()
                        .setPriceData(SubscriptionCreateParams.Item.PriceData.builder()
                                .setCurrency("eur").setProduct("prod_seats").setUnitAmount(900L)
                                .setRecurring(SubscriptionCreateParams.Item.PriceData.Recurring.builder()
                                        .setInterval(SubscriptionCreateParams.Item.PriceData.Recurring.Interval.YEAR)
                                        .build())
                                .build())
                        .setQuantity(3L)
                        .build())
                .build());

        assertThat(euro.getCurrency()).isEqualTo("eur");
        assertThat(euro.getItems().getData().get(0).getPrice().getUnitAmount()).isEqualTo(900);
        assertThat(euro.getItems().getData().get(0).getQuantity()).isEqualTo(3);
        assertThatThrownBy(() -> stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .setCustomer(customer).setCurrency("usd")
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_pro").build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("currency"));
    }

    @Test
    void aTrialMakesItTrialing() throws StripeException {
        Subscription trialing = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .setCustomer(customer()).setTrialPeriodDays(14L)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_pro").build()).build());

        assertThat(trialing.getStatus()).isEqualTo("trialing");
        assertThat(trialing.getTrialEnd()).isEqualTo(clock.instant().plus(Duration.ofDays(14)).getEpochSecond());
    }

    @Test
    void refusesAnUnknownCustomerAndMissingItems() {
        assertThatThrownBy(() -> subscribe("cus_nobody0000000", "price_pro"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getParam()).isEqualTo("customer");
                });
        assertThatThrownBy(() -> stripe.v1().subscriptions().create(
                SubscriptionCreateParams.builder().setCustomer(customer()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("items"));
        assertThatThrownBy(() -> stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_pro").build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getParam()).isEqualTo("customer");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("Missing required param: customer.");
                });
    }

    @Test
    void listingFollowsStripesStatusSemantics() throws StripeException {
        String customer = customer();
        String active = subscribe(customer, "price_a").getId();
        String canceled = subscribe(customer, "price_b").getId();
        stripe.v1().subscriptions().cancel(canceled);
        String someoneElses = subscribe(customer(), "price_a").getId();

        assertThat(ids(SubscriptionListParams.builder().setCustomer(customer).build())).containsExactly(active);
        assertThat(ids(SubscriptionListParams.builder().setCustomer(customer)
                .setStatus(SubscriptionListParams.Status.ALL).build())).containsExactly(canceled, active);
        assertThat(ids(SubscriptionListParams.builder().setCustomer(customer)
                .setStatus(SubscriptionListParams.Status.CANCELED).build())).containsExactly(canceled);
        assertThat(ids(SubscriptionListParams.builder().setCustomer(customer)
                .setStatus(SubscriptionListParams.Status.ENDED).build())).containsExactly(canceled);
        assertThat(ids(SubscriptionListParams.builder().setStatus(SubscriptionListParams.Status.ACTIVE).build()))
                .containsExactly(someoneElses, active);
        assertThat(ids(SubscriptionListParams.builder().setPrice("price_a").build())).containsExactly(someoneElses, active);
    }

    @Test
    void cancelEndsItNowAndOnlyOnce() throws StripeException {
        String id = subscribe(customer(), "price_a").getId();

        Subscription canceled = stripe.v1().subscriptions().cancel(id, SubscriptionCancelParams.builder()
                .setCancellationDetails(SubscriptionCancelParams.CancellationDetails.builder()
                        .setComment("moving on").build())
                .build());

        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getCanceledAt()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(canceled.getCancellationDetails().getComment()).isEqualTo("moving on");
        assertThat(stripe.v1().subscriptions().retrieve(id).getStatus()).isEqualTo("canceled");
        assertThatThrownBy(() -> stripe.v1().subscriptions().cancel(id))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void deletingTheCustomerCancelsItsSubscriptions() throws StripeException {
        String customer = customer();
        String first = subscribe(customer, "price_a").getId();
        String second = subscribe(customer, "price_b").getId();

        stripe.v1().customers().delete(customer);

        assertThat(ids(SubscriptionListParams.builder().setCustomer(customer).build())).isEmpty();
        assertThat(ids(SubscriptionListParams.builder().setCustomer(customer)
                .setStatus(SubscriptionListParams.Status.CANCELED).build())).containsExactly(second, first);
        Subscription expanded = stripe.v1().subscriptions().retrieve(first,
                SubscriptionRetrieveParams.builder().addExpand("customer").build());
        assertThat(expanded.getCustomerObject().getDeleted()).isTrue();
    }

    @Test
    void theCustomersSubscriptionsExpandToTheCurrentOnes() throws StripeException {
        String customer = customer();
        String current = subscribe(customer, "price_a").getId();
        stripe.v1().subscriptions().cancel(subscribe(customer, "price_b").getId());

        Customer expanded = stripe.v1().customers().retrieve(customer,
                CustomerRetrieveParams.builder().addExpand("subscriptions").build());

        assertThat(expanded.getSubscriptions().getData()).extracting(Subscription::getId).containsExactly(current);
    }

    private String customer() throws StripeException {
        return stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
    }

    private Subscription subscribe(String customer, String price) throws StripeException {
        return stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(price).build())
                .build());
    }

    private List<String> ids(SubscriptionListParams params) throws StripeException {
        return stripe.v1().subscriptions().list(params).getData().stream().map(Subscription::getId).toList();
    }
}
