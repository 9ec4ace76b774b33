package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.exception.StripeException;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.SubscriptionCreateParams;
import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.events.EventPublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mutation hook: one event per committed change, named as Stripe names them (see also WebhookTest). */
class EventListenerTest extends EmulatorTest {

    private final CapturedLog publisherLog = new CapturedLog(EventPublisher.class.getName());

    @AfterEach
    void releaseLog() {
        publisherLog.close();
    }

    @Test
    void hearsEveryCommittedChange() throws StripeException {
        List<EmulatorEvent> events = new CopyOnWriteArrayList<>();
        emulator.addEventListener(event -> {
            throw new IllegalStateException("a broken listener stops nothing");
        });
        emulator.addEventListener(events::add);

        String id = newCustomer();
        stripe.v1().customers().update(id, CustomerUpdateParams.builder().setName("Anne").setEmail("a@example.com").build());
        stripe.v1().customers().update(id, CustomerUpdateParams.builder().setName("Anne").build());
        stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(id)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_a").build()).build());
        stripe.v1().customers().delete(id);
        stripe.v1().customers().retrieve(id);

        assertThat(events).extracting(EmulatorEvent::type).containsExactly(
                "customer.created", "customer.updated", "customer.subscription.created", "customer.updated",
                "customer.deleted", "customer.subscription.deleted");
        EmulatorEvent rename = events.get(1);
        assertThat(rename.object().get("name").asString()).isEqualTo("Anne");
        assertThat(rename.previousAttributes().get("name").asString()).isEqualTo("Ann");
        assertThat(rename.previousAttributes().get("email").isNull()).isTrue();
        assertThat(rename.previousAttributes().propertyNames()).containsExactlyInAnyOrder("name", "email");
        assertThat(events.get(3).previousAttributes().get("currency").isNull()).isTrue();
        assertThat(events.get(0).created()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(publisherLog.records()).hasSize(events.size())
                .allSatisfy(record -> assertThat(record.getThrown()).hasMessage("a broken listener stops nothing"));
    }
}
