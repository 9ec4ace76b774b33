package io.billingaccounts.server.writes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.TestPropertySource;

import io.billingaccounts.server.support.ServiceTest;

/**
 * Recovery and catch-up are made once the service is ready rather than before its first answer: their schedules
 * must run all the same, in a service nobody has asked anything yet (a context of its own, so that no other test's
 * request has made them).
 */
@TestPropertySource(properties = "billing.recovery.interval=PT59M")
class JobsStartWhenReadyTest extends ServiceTest {

    @Autowired
    private ScheduledTaskHolder scheduler;

    @Test
    void recoveryAndCatchUpAreScheduledOnceTheServiceIsReadyWithoutARequest() {
        assertThat(scheduler.getScheduledTasks()).extracting(task -> task.getTask().toString())
                .contains(RecoveryLoop.class.getName() + ".recoverExpired",
                        "io.billingaccounts.server.catchup.EventCatchUp.catchUp");
    }
}
