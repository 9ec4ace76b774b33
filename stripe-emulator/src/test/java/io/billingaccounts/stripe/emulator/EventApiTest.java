package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.StripeCollection;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.EventListParams;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /v1/events lists what the account's changes made, newest first, as Stripe lists the last 30 days of them. */
class EventApiTest extends EmulatorTest {

    @Test
    void listsNewestFirstInPagesAndEachEventReadsAsItsObject() throws StripeException {
        String ann = customer("Ann");
        stripe.v1().customers().update(ann, CustomerUpdateParams.builder().setName("Anne").build());
        customer("Bob");

        StripeCollection<Event> first = list(EventListParams.builder().setLimit(2L).build());
        StripeCollection<Event> rest = list(EventListParams.builder()
                .setStartingAfter(first.getData().get(1).getId()).build());

        assertThat(first.getData()).extracting(Event::getType).containsExactly("customer.created", "customer.updated");
        assertThat(first.getHasMore()).isTrue();
        assertThat(first.getUrl()).isEqualTo("/v1/events");
        assertThat(rest.getData()).extracting(Event::getType).containsExactly("customer.created");
        assertThat(rest.getHasMore()).isFalse();
        assertThat(names(first.getData())).containsExactly("Bob", "Anne");
        assertThat(names(rest.getData())).containsExactly("Ann");
        assertThat(first.getData().get(1).getData().getPreviousAttributes()).containsEntry("name", "Ann");
        StripeCollection<Event> newer = list(EventListParams.builder()
                .setEndingBefore(rest.getData().get(0).getId()).setLimit(1L).build());
        assertThat(newer.getData()).extracting(Event::getType).containsExactly("customer.updated");
        assertThat(newer.getHasMore()).isTrue();
        assertThat(list(EventListParams.builder().build()).getData()).hasSize(3);
    }

    @Test
    void filtersByTypeWithWildcardsAndByTypes() throws StripeException {
        String ann = customer("Ann");
        stripe.v1().customers().update(ann, CustomerUpdateParams.builder().setName("Anne").build());
        PaymentMethods.attach(stripe, ann, "pm_card_visa");

        assertThat(types(EventListParams.builder().setType("customer.*").build()))
                .containsExactly("customer.updated", "customer.created");
        assertThat(types(EventListParams.builder().setType("*.created").build()))
                .containsExactly("setup_intent.created", "customer.created");
        assertThat(types(EventListParams.builder().setType("setup_intent.succeeded").build()))
                .containsExactly("setup_intent.succeeded");
        assertThat(types(EventListParams.builder().setType("*").build())).hasSize(5);
        assertThat(types(EventListParams.builder().addType("customer.created").addType("payment_method.attached")
                .build())).containsExactly("payment_method.attached", "customer.created");
        assertThatThrownBy(() -> list(EventListParams.builder().setType("customer.*").addType("customer.created")
                .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(400);
                    assertThat(refused.getMessage()).contains("only specify one of these parameters: type, types");
                });
    }

    @Test
    void filtersByCreated() throws StripeException {
        customer("Ann");
        long first = clock.instant().getEpochSecond();
        clock.add(Duration.ofSeconds(10));
        customer("Bob");

        assertThat(names(list(EventListParams.builder().setCreated(first).build()).getData())).containsExactly("Ann");
        assertThat(names(list(EventListParams.builder().setCreated(EventListParams.Created.builder()
                .setGt(first).build()).build()).getData())).containsExactly("Bob");
        assertThat(names(list(EventListParams.builder().setCreated(EventListParams.Created.builder()
                .setGte(first).setLte(first + 10).build()).build()).getData())).containsExactly("Bob", "Ann");
        assertThat(names(list(EventListParams.builder().setCreated(EventListParams.Created.builder()
                .setLt(first + 10).build()).build()).getData())).containsExactly("Ann");
    }

    @Test
    void eventsOlderThanThirtyDaysOfTheAccountsClockAreGone() throws StripeException {
        customer("Ann");
        String old = list(EventListParams.builder().build()).getData().get(0).getId();
        emulator.clock().advance(Duration.ofDays(29));
        customer("Bob");
        assertThat(names(list(EventListParams.builder().build()).getData())).containsExactly("Bob", "Ann");

        emulator.clock().advance(Duration.ofDays(2));

        assertThat(names(list(EventListParams.builder().build()).getData())).containsExactly("Bob");
        assertThatThrownBy(() -> stripe.v1().events().retrieve(old))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        gone -> assertThat(gone.getMessage()).contains("No such event"));
    }

    @Test
    void refusesWhatItDoesNotModel() {
        assertThatThrownBy(() -> list(EventListParams.builder().setDeliverySuccess(false).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        refused -> assertThat(refused.getParam()).isEqualTo("delivery_success"));
        assertThatThrownBy(() -> list(EventListParams.builder().setStartingAfter("evt_missing").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        refused -> assertThat(refused.getMessage()).contains("No such event: 'evt_missing'"));
    }

    private String customer(String name) throws StripeException {
        return stripe.v1().customers().create(CustomerCreateParams.builder().setName(name).build()).getId();
    }

    private StripeCollection<Event> list(EventListParams params) throws StripeException {
        return stripe.v1().events().list(params);
    }

    private List<String> types(EventListParams params) throws StripeException {
        return list(params).getData().stream().map(Event::getType).toList();
    }

    private static List<String> names(List<Event> events) {
        return events.stream()
                .map(event -> ((Customer) event.getDataObjectDeserializer().getObject().orElseThrow()).getName())
                .toList();
    }
}
