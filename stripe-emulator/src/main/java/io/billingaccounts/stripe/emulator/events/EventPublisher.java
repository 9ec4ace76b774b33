package io.billingaccounts.stripe.emulator.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hands committed events to the registered listeners; one failing listener does not stop the others. */
public final class EventPublisher {

    private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());

    private final List<EmulatorEventListener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(EmulatorEventListener listener) {
        listeners.add(listener);
    }

    public void publish(List<EmulatorEvent> events) {
        for (EmulatorEvent event : events) {
            for (EmulatorEventListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "event listener failed on " + event.type(), e);
                }
            }
        }
    }
}
