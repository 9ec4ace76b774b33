package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.Price;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.PriceRetrieveParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.SubscriptionCreateParams;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The account starts with the catalog the billing-accounts service expects: 3 products, 15 monthly prices; prices are
 * made and changed as on Stripe.
 */
class PriceApiTest extends EmulatorTest {

    @Test
    void pricesAreFoundByLookupKey() throws StripeException {
        StripeCollection<Price> found = stripe.v1().prices().list(PriceListParams.builder()
                .addLookupKey("users_monthly_eur").addLookupKey("sso_monthly_zar").setActive(true).build());

        assertThat(found.getData())
                .extracting(Price::getId, Price::getLookupKey, Price::getCurrency, Price::getUnitAmount, Price::getProduct)
                .containsExactlyInAnyOrder(
                        tuple("price_users_monthly_eur", "users_monthly_eur", "eur", 500L, "prod_users"),
                        tuple("price_sso_monthly_zar", "sso_monthly_zar", "zar", 5000L, "prod_sso"));
        assertThat(found.getData()).allSatisfy(price -> {
            assertThat(price.getActive()).isTrue();
            assertThat(price.getType()).isEqualTo("recurring");
            assertThat(price.getRecurring().getInterval()).isEqualTo("month");
            assertThat(price.getRecurring().getIntervalCount()).isEqualTo(1);
        });
    }

    @Test
    void listsFilterByCurrencyProductAndActive() throws StripeException {
        assertThat(lookupKeys(PriceListParams.builder().setCurrency("gbp").build()))
                .containsExactlyInAnyOrder("locations_monthly_gbp", "users_monthly_gbp", "sso_monthly_gbp");
        assertThat(lookupKeys(PriceListParams.builder().setProduct("prod_locations").setLimit(100L).build()))
                .containsExactlyInAnyOrder("locations_monthly_usd", "locations_monthly_zar", "locations_monthly_eur",
                        "locations_monthly_gbp", "locations_monthly_aud");
        assertThat(lookupKeys(PriceListParams.builder().setActive(false).build())).isEmpty();
        StripeCollection<Price> all = stripe.v1().prices().list(PriceListParams.builder().setLimit(100L).build());
        assertThat(all.getData()).hasSize(15);
        assertThat(stripe.v1().prices().list(PriceListParams.builder().build()).getHasMore()).isTrue();
    }

    @Test
    void productsAndPricesAreRetrievedByIdAndPricesExpandTheirProduct() throws StripeException {
        assertThat(stripe.v1().products().retrieve("prod_locations").getName()).isEqualTo("Locations");
        assertThat(stripe.v1().products().retrieve("prod_users").getName()).isEqualTo("Users");
        assertThat(stripe.v1().products().retrieve("prod_sso").getName()).isEqualTo("SSO");
        Price price = stripe.v1().prices().retrieve("price_locations_monthly_aud",
                PriceRetrieveParams.builder().addExpand("product").build());
        assertThat(price.getUnitAmount()).isEqualTo(1000);
        assertThat(price.getProductObject().getName()).isEqualTo("Locations");
        assertThatThrownBy(() -> stripe.v1().prices().retrieve("price_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getMessage()).startsWith("No such price: 'price_missing'");
                });
    }

    @Test
    void aResetKeepsTheCatalog() throws StripeException {
        emulator.reset();

        assertThat(lookupKeys(PriceListParams.builder().addLookupKey("users_monthly_usd").build()))
                .containsExactly("users_monthly_usd");
    }

    @Test
    void aCreatedPriceIsKeptAndSubscriptionsMadeWithItBillItsAmount() throws StripeException {
        Price created = stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("USD").setUnitAmount(1234L)
                .setProduct("prod_users").setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build())
                .setLookupKey("users_monthly_usd_2026").setNickname("Users 2026").putMetadata("plan", "v2").build());

        assertThat(created.getId()).startsWith("price_");
        assertThat(created.getCurrency()).isEqualTo("usd");
        assertThat(created.getUnitAmount()).isEqualTo(1234);
        assertThat(created.getUnitAmountDecimal()).isEqualByComparingTo("1234");
        assertThat(created.getActive()).isTrue();
        assertThat(created.getType()).isEqualTo("recurring");
        assertThat(created.getRecurring().getInterval()).isEqualTo("month");
        assertThat(created.getNickname()).isEqualTo("Users 2026");
        assertThat(created.getMetadata()).containsExactlyEntriesOf(Map.of("plan", "v2"));
        assertThat(created.getCreated()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(stripe.v1().prices().retrieve(created.getId()).toJson()).isEqualTo(created.toJson());
        assertThat(lookupKeys(PriceListParams.builder().addLookupKey("users_monthly_usd_2026").build()))
                .containsExactly("users_monthly_usd_2026");
        assertThat(stripe.v1().prices().list(PriceListParams.builder().setLimit(1L).build()).getData().get(0).getId())
                .as("newest first").isEqualTo(created.getId());

        String customer = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        Subscription subscription = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .setCustomer(customer).addItem(SubscriptionCreateParams.Item.builder().setPrice(created.getId())
                        .setQuantity(3L).build())
                .addExpand("latest_invoice").build());
        assertThat(subscription.getLatestInvoiceObject().getAmountPaid()).isEqualTo(3 * 1234);
        assertThat(subscription.getItems().getData().get(0).getPrice().getId()).isEqualTo(created.getId());
    }

    @Test
    void aLookupKeyNamesOnePriceAndIsMovedOnlyWhenAsked() throws StripeException {
        PriceCreateParams.Builder raise = PriceCreateParams.builder().setCurrency("usd").setUnitAmount(600L)
                .setProduct("prod_users").setLookupKey("users_monthly_usd")
                .setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build());

        assertThatThrownBy(() -> stripe.v1().prices().create(raise.build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(400);
                    assertThat(refused.getParam()).isEqualTo("lookup_key");
                    assertThat(refused.getMessage())
                            .startsWith("A price (`price_users_monthly_usd`) already uses that lookup key.");
                });
        Price raised = stripe.v1().prices().create(raise.setTransferLookupKey(true).build());

        assertThat(raised.getLookupKey()).isEqualTo("users_monthly_usd");
        assertThat(stripe.v1().prices().retrieve("price_users_monthly_usd").getLookupKey()).isNull();
        assertThat(stripe.v1().prices().list(PriceListParams.builder().addLookupKey("users_monthly_usd").build())
                .getData()).extracting(Price::getId, Price::getUnitAmount).containsExactly(tuple(raised.getId(), 600L));
        List<Event> events = stripe.v1().events().list(EventListParams.builder().setType("price.*").build()).getData();
        assertThat(events).extracting(Event::getType).containsExactly("price.created", "price.updated");
        assertThat(((Price) events.get(0).getDataObjectDeserializer().getObject().orElseThrow()).getId())
                .isEqualTo(raised.getId());
        Price released = (Price) events.get(1).getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(released.getId()).isEqualTo("price_users_monthly_usd");
        assertThat(released.getLookupKey()).isNull();
        assertThat(events.get(1).getData().getPreviousAttributes()).containsExactlyEntriesOf(
                Map.of("lookup_key", "users_monthly_usd"));

        stripe.v1().prices().update("price_users_monthly_usd", PriceUpdateParams.builder()
                .setLookupKey("users_monthly_usd").setTransferLookupKey(true).build());
        assertThat(stripe.v1().prices().retrieve(raised.getId()).getLookupKey()).isNull();
        assertThat(stripe.v1().prices().retrieve("price_users_monthly_usd").getLookupKey()).isEqualTo("users_monthly_usd");
    }

    @Test
    void anUpdateChangesWhatIsSentAndAnArchivedPriceTakesNoNewSubscriptions() throws StripeException {
        Price updated = stripe.v1().prices().update("price_sso_monthly_eur", PriceUpdateParams.builder()
                .setActive(false).setNickname("SSO (old)").putMetadata("k", "v").build());

        assertThat(updated.getActive()).isFalse();
        assertThat(updated.getNickname()).isEqualTo("SSO (old)");
        assertThat(updated.getMetadata()).containsEntry("k", "v");
        assertThat(updated.getUnitAmount()).as("unchanged").isEqualTo(5000);
        Event event = stripe.v1().events().list(EventListParams.builder().setType("price.updated").build())
                .getData().get(0);
        assertThat(event.getData().getPreviousAttributes()).containsOnlyKeys("active", "nickname", "metadata");
        assertThat(lookupKeys(PriceListParams.builder().setActive(false).build())).containsExactly("sso_monthly_eur");

        String customer = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
        assertThatThrownBy(() -> stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .setCustomer(customer).addItem(SubscriptionCreateParams.Item.builder()
                        .setPrice("price_sso_monthly_eur").build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, refused -> {
                    assertThat(refused.getParam()).isEqualTo("items[0][price]");
                    assertThat(refused.getMessage()).startsWith("The price specified is inactive.");
                });
        int events = stripe.v1().events().list(EventListParams.builder().setLimit(100L).build()).getData().size();
        stripe.v1().prices().update("price_sso_monthly_eur", PriceUpdateParams.builder().setActive(false).build());
        assertThat(stripe.v1().events().list(EventListParams.builder().setLimit(100L).build()).getData())
                .as("an update that changes nothing makes no event").hasSize(events);
    }

    @Test
    void aOneTimePriceAndAProductOfItsOwn() throws StripeException {
        Price price = stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("eur")
                .setUnitAmountDecimal(new BigDecimal("250.5"))
                .setProductData(PriceCreateParams.ProductData.builder().setName("Setup fee").build())
                .addExpand("product").build());

        assertThat(price.getType()).isEqualTo("one_time");
        assertThat(price.getRecurring()).isNull();
        assertThat(price.getUnitAmount()).isNull();
        assertThat(price.getUnitAmountDecimal()).isEqualByComparingTo("250.5");
        assertThat(price.getProductObject().getName()).isEqualTo("Setup fee");
        assertThat(stripe.v1().events().list(EventListParams.builder().build()).getData())
                .extracting(Event::getType).containsExactly("price.created", "product.created");
        String customer = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
        assertThatThrownBy(() -> stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .setCustomer(customer).addItem(SubscriptionCreateParams.Item.builder().setPrice(price.getId()).build())
                .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        refused -> assertThat(refused.getMessage()).contains("only accepts prices with `type=recurring`"));
        assertThatThrownBy(() -> stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("eur")
                .setUnitAmount(1L).setProduct("prod_missing").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        refused -> assertThat(refused.getMessage()).startsWith("No such product: 'prod_missing'"));
        assertThatThrownBy(() -> stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("eur")
                .setProduct("prod_sso").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        refused -> assertThat(refused.getParam()).isEqualTo("unit_amount"));
        assertThatThrownBy(() -> stripe.v1().prices().update("price_missing", PriceUpdateParams.builder().build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        refused -> assertThat(refused.getStatusCode()).isEqualTo(404));
    }

    private List<String> lookupKeys(PriceListParams params) throws StripeException {
        return stripe.v1().prices().list(params).getData().stream().map(Price::getLookupKey).toList();
    }
}
