package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingaccounts.stripe.emulator.webhooks.WebhookSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void defaultsToPort12111InMemoryWithoutDelay() {
        EmulatorOptions options = CommandLine.parse();

        assertThat(options.port()).isEqualTo(12111);
        assertThat(options.dataDir()).isNull();
        assertThat(options.delayMillis()).isZero();
        assertThat(options.fsync()).isFalse();
        assertThat(options.webhookUrl()).isNull();
        assertThat(options.webhookSecret()).isNull();
        assertThat(options.searchLagMillis()).isZero();
        assertThat(options.readRateLimit()).isZero();
        assertThat(options.writeRateLimit()).isZero();
        assertThat(options.lockTimeouts()).isFalse();
        assertThat(options.webhookConcurrency()).isEqualTo(1);
    }

    @Test
    void takesTheSearchLagRateLimitsAndLockTimeouts() {
        EmulatorOptions spaced = CommandLine.parse("--search-lag-ms", "1500", "--read-rate-limit", "25",
                "--write-rate-limit", "20", "--lock-timeouts");
        EmulatorOptions joined = CommandLine.parse("--search-lag-ms=1500", "--read-rate-limit=25",
                "--write-rate-limit=20", "--lock-timeouts");

        assertThat(spaced).isEqualTo(joined);
        assertThat(spaced.searchLagMillis()).isEqualTo(1500);
        assertThat(spaced.readRateLimit()).isEqualTo(25);
        assertThat(spaced.writeRateLimit()).isEqualTo(20);
        assertThat(spaced.lockTimeouts()).isTrue();
        assertThatThrownBy(() -> CommandLine.parse("--search-lag-ms=-1")).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> CommandLine.parse("--write-rate-limit=-1")).hasMessageContaining("must not be negative");
    }

    @Test
    void takesHowWebhooksAreRetriedDuplicatedAndShuffled() {
        EmulatorOptions options = CommandLine.parse("--webhook-retries", "500ms,1s,1.5m", "--webhook-duplicates=0.1",
                "--webhook-shuffle-ms", "300", "--webhook-seed=7");

        assertThat(options.webhookSettings().retrySchedule())
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(90));
        assertThat(options.webhookSettings().retryScheduleText()).isEqualTo("0.5s,1s,90s");
        assertThat(options.webhookSettings().duplicateProbability()).isEqualTo(0.1);
        assertThat(options.webhookSettings().shuffleWindow()).isEqualTo(Duration.ofMillis(300));
        assertThat(options.webhookSeed()).isEqualTo(7);
        assertThat(CommandLine.parse().webhookSettings()).isEqualTo(WebhookSettings.DEFAULT);
        assertThat(CommandLine.parse("--webhook-retries=none").webhookSettings().retrySchedule()).isEmpty();
        assertThatThrownBy(() -> CommandLine.parse("--webhook-retries=1x")).hasMessageContaining("a number and a unit");
        assertThatThrownBy(() -> CommandLine.parse("--webhook-retries=-1s")).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> CommandLine.parse("--webhook-duplicates=2")).hasMessageContaining("from 0 to 1");
    }

    @Test
    void takesHowManyWebhooksMayBeUnderWayAtOnce() {
        assertThat(CommandLine.parse("--webhook-concurrency", "8").webhookConcurrency()).isEqualTo(8);
        assertThat(CommandLine.parse("--webhook-concurrency=3").webhookConcurrency()).isEqualTo(3);
        assertThatThrownBy(() -> CommandLine.parse("--webhook-concurrency=0")).hasMessageContaining("at least 1");
    }

    @Test
    void takesValuesAfterASpaceOrAnEqualsSign() {
        EmulatorOptions spaced = CommandLine.parse("--port", "4242", "--data-dir", "/tmp/e", "--delay-ms", "150", "--fsync",
                "--webhook-url", "http://127.0.0.1:8080/stripe/webhooks", "--webhook-secret", "whsec_a=b");
        EmulatorOptions joined = CommandLine.parse("--port=4242", "--data-dir=/tmp/e", "--delay-ms=150", "--fsync",
                "--webhook-url=http://127.0.0.1:8080/stripe/webhooks", "--webhook-secret=whsec_a=b");

        assertThat(spaced).isEqualTo(joined);
        assertThat(spaced.port()).isEqualTo(4242);
        assertThat(spaced.dataDir()).isEqualTo(Path.of("/tmp/e"));
        assertThat(spaced.delayMillis()).isEqualTo(150);
        assertThat(spaced.fsync()).isTrue();
        assertThat(spaced.webhookUrl()).isEqualTo("http://127.0.0.1:8080/stripe/webhooks");
        assertThat(spaced.webhookSecret()).isEqualTo("whsec_a=b");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> CommandLine.parse("--verbose")).hasMessageContaining("unknown option --verbose");
        assertThatThrownBy(() -> CommandLine.parse("--port")).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> CommandLine.parse("--port", "http")).hasMessageContaining("takes a number");
        assertThatThrownBy(() -> CommandLine.parse("--delay-ms=-5")).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> CommandLine.parse("--webhook-url", "http://127.0.0.1:8080/hooks"))
                .hasMessageContaining("needs a webhook secret");
        assertThatThrownBy(() -> CommandLine.parse("--webhook-url=localhost:8080", "--webhook-secret=whsec_x"))
                .hasMessageContaining("absolute http(s) URL");
    }
}
