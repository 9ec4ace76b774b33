package io.billingaccounts.stripe.emulator.clock;

import java.time.Instant;
import java.util.List;

/**
 * What one {@link EmulatorClock#advance} did.
 *
 * @param from the account's time before
 * @param now the account's time after
 * @param ran what fell due meanwhile, in the order it ran
 */
public record ClockAdvance(Instant from, Instant now, List<Ran> ran) {

    /**
     * One thing that fell due.
     *
     * @param at when it fell due (and what its events and invoice are dated)
     * @param action {@code trial_will_end}, {@code collection_resumed}, {@code phase_ended} (of a subscription's
     *     schedule), {@code canceled}, {@code trial_ended} or {@code renewed}
     * @param status the subscription's status after it
     * @param invoice the id of the invoice it made, or null
     * @param invoiceStatus that invoice's status ({@code paid}, {@code open}, {@code void}, {@code draft},
     *     {@code uncollectible}), or null
     * @param events the types of the events it made, in order
     */
    public record Ran(Instant at, String action, String subscription, String status, String invoice,
            String invoiceStatus, List<String> events) {
    }
}
