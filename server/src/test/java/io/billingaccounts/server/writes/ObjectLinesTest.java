package io.billingaccounts.server.writes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import io.billingaccounts.server.stripe.Deadline;

/** Writers of one object take turns in arrival order; a head runs the short turns behind it on its own thread. */
class ObjectLinesTest {

    private static final Duration LONG = Duration.ofMinutes(1);

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final CountDownLatch headMayFinish = new CountDownLatch(1);
    private final AtomicReference<Thread> headThread = new AtomicReference<>();

    @AfterEach
    void stop() {
        headMayFinish.countDown();
        callers.shutdownNow();
    }

    @Test
    void turnsRunOneAtATimeInArrivalOrderAndBehindAShortHeadOnItsThread() throws Exception {
        ObjectLines lines = new ObjectLines(LONG);
        Future<String> head = startHead(lines);
        List<String> ran = new CopyOnWriteArrayList<>();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        AtomicInteger inTurn = new AtomicInteger();
        List<Future<String>> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String name = "writer " + i;
            waiting.add(queue(lines, "cus_1", LONG, () -> {
                assertThat(inTurn.incrementAndGet()).as("turns of one object at once").isEqualTo(1);
                ran.add(name);
                ranOn.add(Thread.currentThread());
                inTurn.decrementAndGet();
                return name + " done";
            }));
        }
        headMayFinish.countDown();

        assertThat(head.get()).isEqualTo("head done");
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(waiting.get(i).get()).isEqualTo("writer " + (i + 1) + " done");
        }
        assertThat(ran).containsExactly("writer 1", "writer 2", "writer 3", "writer 4", "writer 5");
        assertThat(ranOn).containsOnly(headThread.get());
    }

    @Test
    void aHeadPastItsBudgetHandsTheLineToTheNextWritersThread() throws Exception {
        ObjectLines lines = new ObjectLines(Duration.ZERO);
        Future<String> head = startHead(lines);
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        List<Future<Thread>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(queue(lines, "cus_1", LONG, () -> {
                ranOn.add(Thread.currentThread());
                return Thread.currentThread();
            }));
        }
        headMayFinish.countDown();

        assertThat(head.get()).isEqualTo("head done");
        for (Future<Thread> writer : waiting) {
            assertThat(writer.get()).isNotEqualTo(headThread.get());
        }
        assertThat(ranOn).doesNotContain(headThread.get()).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void aTurnRunForAnotherWriterGivesItsFailureAndLoggingContextToThatWriterAlone() throws Exception {
        ObjectLines lines = new ObjectLines(LONG);
        Future<String> head = startHead(lines);
        AtomicReference<String> seenRequestId = new AtomicReference<>();
        Future<String> failing = queueCaller(() -> {
            MDC.put("requestId", "req_waiting");
            try {
                return lines.inTurn("cus_1", Deadline.in(LONG), () -> {
                    seenRequestId.set(MDC.get("requestId"));
                    MDC.put("stripeRequestId", "req_stripe");
                    throw new IllegalStateException("declined");
                });
            } catch (IllegalStateException e) {
                return e.getMessage() + " with " + MDC.get("stripeRequestId");
            }
        });
        Future<String> next = queue(lines, "cus_1", LONG, () -> MDC.get("requestId") + "," + MDC.get("stripeRequestId"));
        headMayFinish.countDown();

        assertThat(failing.get()).isEqualTo("declined with req_stripe");
        assertThat(seenRequestId.get()).isEqualTo("req_waiting");
        assertThat(next.get()).isEqualTo("null,null");
        assertThat(head.get()).isEqualTo("head done");
    }

    @Test
    void aWriterWhoseDeadlinePassesBeforeItsTurnLeavesTheLineUnrun() throws Exception {
        ObjectLines lines = new ObjectLines(LONG);
        Future<String> head = startHead(lines);
        AtomicInteger lateRuns = new AtomicInteger();
        Future<String> late = queue(lines, "cus_1", Duration.ofMillis(50), () -> {
            lateRuns.incrementAndGet();
            return "late done";
        });
        assertThatThrownBy(late::get).hasCauseInstanceOf(TimeoutException.class);
        Future<String> after = queue(lines, "cus_1", LONG, () -> "after done");
        headMayFinish.countDown();

        assertThat(after.get()).isEqualTo("after done");
        assertThat(head.get()).isEqualTo("head done");
        assertThat(lateRuns).hasValue(0);
    }

    @Test
    void objectsHaveLinesOfTheirOwnAndATurnMayWriteItsObjectAgain() throws Exception {
        ObjectLines lines = new ObjectLines(LONG);
        Future<String> head = startHead(lines);

        assertThat(lines.inTurn("cus_2", Deadline.in(LONG), () -> "other object done")).isEqualTo("other object done");
        headMayFinish.countDown();
        assertThat(head.get()).isEqualTo("head done");
        assertThat(lines.inTurn("cus_1", Deadline.in(LONG), () -> nested(lines))).isEqualTo("nested done");
    }

    private static String nested(ObjectLines lines) {
        try {
            return lines.inTurn("cus_1", Deadline.in(Duration.ofSeconds(1)), () -> "nested done");
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** A writer at the head of cus_1's line, whose turn lasts until the test lets it finish. */
    private Future<String> startHead(ObjectLines lines) {
        CountDownLatch inTurn = new CountDownLatch(1);
        Future<String> head = callers.submit(() -> {
            String outcome = lines.inTurn("cus_1", Deadline.in(LONG), () -> {
                headThread.set(Thread.currentThread());
                inTurn.countDown();
                awaitQuietly(headMayFinish);
                return "head done";
            });
            // The turns it ran for others leave its own logging context as it was.
            return MDC.getCopyOfContextMap() == null || MDC.getCopyOfContextMap().isEmpty() ? outcome : "head leaked";
        });
        awaitQuietly(inTurn);
        return head;
    }

    /** Starts a writer of {@code objectId} and returns once it waits in the line, so arrival order is known. */
    private <T> Future<T> queue(ObjectLines lines, String objectId, Duration deadline, Supplier<T> turn) {
        return queueCaller(() -> lines.inTurn(objectId, Deadline.in(deadline), turn));
    }

    /** Starts a caller whose one wait is for its turn, and returns once it waits (or is done). */
    private <T> Future<T> queueCaller(Callable<T> write) {
        AtomicReference<Thread> caller = new AtomicReference<>();
        Future<T> writer = callers.submit(() -> {
            caller.set(Thread.currentThread());
            return write.call();
        });
        await().until(() -> caller.get() != null && isParked(caller.get()) || writer.isDone());
        return writer;
    }

    private static boolean isParked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
