package io.billingaccounts.stripe.emulator.limits;

import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stripe's lock on an object while a request writes it: another write of the same object meanwhile fails with
 * {@code lock_timeout}. Stripe waits a little for the lock before giving up; the emulator refuses at once. Off by
 * default: writes of one object then simply run one after another.
 */
public final class ObjectLocks {

    /** Released when the write is done. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private volatile boolean enabled;

    public ObjectLocks(boolean enabled) {
        this.enabled = enabled;
    }

    public void enable(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** @throws StripeError {@code lock_timeout} when another write holds the object */
    public Hold hold(String objectId) {
        if (!held.add(objectId)) {
            throw StripeError.lockTimeout();
        }
        return () -> held.remove(objectId);
    }
}
