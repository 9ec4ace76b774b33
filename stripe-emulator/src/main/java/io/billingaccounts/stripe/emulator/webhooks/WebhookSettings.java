package io.billingaccounts.stripe.emulator.webhooks;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How webhooks are delivered: as Stripe delivers them, at least once, and not necessarily in order.
 *
 * @param retrySchedule the waits before the second, third ... attempt of a delivery whose endpoint failed; after
 *     the last the delivery is given up
 * @param duplicateProbability how likely each event is to be delivered twice (0 to 1): a second delivery of its
 *     own, freshly signed, as Stripe now and then sends one
 * @param shuffleWindow each event's deliveries are held a random time up to this before their first attempt, so
 *     that later events may overtake earlier ones; zero sends them in commit order
 */
public record WebhookSettings(List<Duration> retrySchedule, double duplicateProbability, Duration shuffleWindow) {

    /**
     * Some 100 s of retries, so that an endpoint down for a minute or two still gets every event (Stripe goes on for
     * 3 days), and first retries quick enough for tests.
     */
    public static final List<Duration> DEFAULT_RETRY_SCHEDULE = List.of(Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

    /** Retried on the default schedule, each event once, in commit order. */
    public static final WebhookSettings DEFAULT = new WebhookSettings(DEFAULT_RETRY_SCHEDULE, 0, Duration.ZERO);

    public WebhookSettings {
        retrySchedule = List.copyOf(retrySchedule);
        if (retrySchedule.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("retry waits must not be negative, got " + text(retrySchedule));
        }
        if (!(duplicateProbability >= 0 && duplicateProbability <= 1)) {
            throw new IllegalArgumentException("the duplicate probability must be from 0 to 1, got "
                    + duplicateProbability);
        }
        if (shuffleWindow.isNegative()) {
            throw new IllegalArgumentException("the shuffle window must not be negative, got " + shuffleWindow);
        }
    }

    public WebhookSettings withRetrySchedule(List<Duration> schedule) {
        return new WebhookSettings(schedule, duplicateProbability, shuffleWindow);
    }

    public WebhookSettings withDuplicateProbability(double probability) {
        return new WebhookSettings(retrySchedule, probability, shuffleWindow);
    }

    public WebhookSettings withShuffleWindow(Duration window) {
        return new WebhookSettings(retrySchedule, duplicateProbability, window);
    }

    /**
     * Reads a retry schedule as the command line and the control API write it: waits apart by commas, each a number
     * and a unit, {@code ms}, {@code s}, {@code m} or {@code h} ({@code 0.2s,1s,3s,10s,30s,60s}); {@code none} or
     * nothing for no retries.
     */
    public static List<Duration> parseSchedule(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Duration> schedule = new ArrayList<>();
        for (String wait : trimmed.split(",")) {
            schedule.add(wait(wait.trim().toLowerCase(Locale.ROOT)));
        }
        return schedule;
    }

    /** The retry schedule as {@link #parseSchedule} reads it, in seconds: {@code 0.2s,1s,3s}. */
    public String retryScheduleText() {
        return text(retrySchedule);
    }

    private static String text(List<Duration> schedule) {
        if (schedule.isEmpty()) {
            return "none";
        }
        return schedule.stream()
                .map(wait -> BigDecimal.valueOf(wait.toMillis(), 3).stripTrailingZeros().toPlainString() + "s")
                .collect(Collectors.joining(","));
    }

    private static Duration wait(String wait) {
        String unit = wait.endsWith("ms") ? "ms" : wait.isEmpty() ? "" : wait.substring(wait.length() - 1);
        long millisPerUnit = switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> throw new IllegalArgumentException("a retry wait is a number and a unit (ms, s, m or h),"
                    + " like 0.2s or 500ms, got '" + wait + "'");
        };
        try {
            return Duration.ofMillis(new BigDecimal(wait.substring(0, wait.length() - unit.length()))
                    .multiply(BigDecimal.valueOf(millisPerUnit)).longValue());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a retry wait is a number and a unit (ms, s, m or h), like 0.2s or"
                    + " 500ms, got '" + wait + "'");
        }
    }
}
