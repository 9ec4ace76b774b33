package io.billingaccounts.stripe.emulator.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The window on a clock moved by hand: exact to the nanosecond, wherever a second starts. */
class OneSecondWindowTest {

    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(5));

    @Test
    void admitsTheLimitThenRefusesUntilTheFirstAdmittedIsASecondOld() {
        OneSecondWindow window = new OneSecondWindow(3, now::get);

        assertThat(admitted(window, 3)).isEqualTo(3);
        assertThat(window.tryAdmit()).isFalse();
        now.addAndGet(999 * MILLI);
        assertThat(window.tryAdmit()).isFalse();
        now.addAndGet(MILLI);
        assertThat(admitted(window, 4)).isEqualTo(3);
    }

    @Test
    void theWindowSlides() {
        OneSecondWindow window = new OneSecondWindow(3, now::get);
        window.tryAdmit();
        now.addAndGet(500 * MILLI);
        window.tryAdmit();
        window.tryAdmit();

        now.addAndGet(500 * MILLI);

        assertThat(admitted(window, 2)).as("only the first has left the last second").isEqualTo(1);
        now.addAndGet(500 * MILLI);
        assertThat(admitted(window, 3)).isEqualTo(2);
    }

    @Test
    void noOneSecondSpanEverHoldsMoreThanTheLimit() {
        int limit = 7;
        OneSecondWindow window = new OneSecondWindow(limit, now::get);
        Random random = new Random(42);
        List<Long> admittedAt = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            now.addAndGet(random.nextInt(300) * MILLI / 10);
            if (window.tryAdmit()) {
                admittedAt.add(now.get());
            }
        }

        for (int first = 0; first + limit < admittedAt.size(); first++) {
            assertThat(admittedAt.get(first + limit) - admittedAt.get(first))
                    .as("the %d admitted after #%d", limit, first).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
        }
        assertThat(admittedAt.size()).as("and it does admit").isGreaterThan(limit * 10);
    }

    @Test
    void zeroIsNoLimitAndALimitTakesEffectAtOnce() {
        OneSecondWindow window = new OneSecondWindow(0, now::get);
        assertThat(admitted(window, 1000)).isEqualTo(1000);

        window.limit(2);

        assertThat(admitted(window, 3)).isEqualTo(2);
        window.limit(5);
        assertThat(admitted(window, 5)).as("what was admitted still counts").isEqualTo(3);
        assertThatThrownBy(() -> window.limit(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int admitted(OneSecondWindow window, int tries) {
        int admitted = 0;
        for (int i = 0; i < tries; i++) {
            admitted += window.tryAdmit() ? 1 : 0;
        }
        return admitted;
    }
}
