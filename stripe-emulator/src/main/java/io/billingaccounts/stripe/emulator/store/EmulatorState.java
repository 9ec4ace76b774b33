package io.billingaccounts.stripe.emulator.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the emulated Stripe account holds. Objects are kept in the JSON shape Stripe answers
 * with and are never modified once stored (a change stores a new copy), so answers may share them.
 * Maps keep insertion order, which is creation order: Stripe lists newest first.
 *
 * <p>Events are kept for {@value #EVENT_DAYS} days, as Stripe keeps them: one older than that by the newest event's
 * {@code created} is forgotten as the next is put. And only the newest {@value #MAX_EVENTS} at most: each event
 * holds the object as it was, so an account that changes all day must not keep them all. They are rarely read
 * again, so they are held deflated (see {@link KeptEvent}).
 *
 * <p>Idempotency records are kept for 24 hours like Stripe's, but at most the newest
 * {@value #MAX_IDEMPOTENCY_RECORDS}: each holds a whole answer, and an emulator embedded in a server
 * with a small heap must not grow with every write of a busy day. Clients retry within seconds.
 */
public final class EmulatorState {

    /** How many days of events are kept, as on Stripe; the account's clock leaves older ones out of its answers. */
    public static final int EVENT_DAYS = 30;

    /**
     * How many events are kept at most, whatever their age; the oldest are forgotten first. Deflated, events of
     * subscriptions and invoices take some 1 KB each: at most some 25 MB, what 10,000 took as JSON text.
     */
    public static final int MAX_EVENTS = 25_000;

    private static final long EVENT_SECONDS = EVENT_DAYS * 24L * 3600;

    /** How many idempotency records are kept at most; the oldest are forgotten first. */
    public static final int MAX_IDEMPOTENCY_RECORDS = 10_000;

    private final Map<String, ObjectNode> customers = new LinkedHashMap<>();
    private final Set<String> deletedCustomers = new LinkedHashSet<>();
    private final Map<String, ObjectNode> subscriptions = new LinkedHashMap<>();
    /** Every other kind of object, by its {@code object} field, then by id. */
    private final Map<String, Map<String, ObjectNode>> objects = new LinkedHashMap<>();
    private final Map<String, IdempotencyRecord> idempotencyRecords = new LinkedHashMap<>();
    private final Map<String, KeptEvent> events = new LinkedHashMap<>();
    /** Read without the data lock, by every request that asks the time. */
    private volatile long clockOffsetMillis;

    public ObjectNode customer(String id) {
        return customers.get(id);
    }

    public boolean isDeletedCustomer(String id) {
        return deletedCustomers.contains(id);
    }

    public List<ObjectNode> customersNewestFirst() {
        return newestFirst(customers);
    }

    public ObjectNode subscription(String id) {
        return subscriptions.get(id);
    }

    public List<ObjectNode> subscriptionsNewestFirst() {
        return newestFirst(subscriptions);
    }

    /** @param kind the object's {@code object} field: price, product, setup_intent, payment_method, invoice, refund ... */
    public ObjectNode object(String kind, String id) {
        return objects.getOrDefault(kind, Map.of()).get(id);
    }

    public List<ObjectNode> objectsNewestFirst(String kind) {
        return newestFirst(objects.getOrDefault(kind, Map.of()));
    }

    public IdempotencyRecord idempotencyRecord(String key) {
        return idempotencyRecords.get(key);
    }

    /** @return the event as it was made, or null */
    public ObjectNode event(String id) {
        KeptEvent event = events.get(id);
        return event == null ? null : event.event();
    }

    /** Every event kept, newest first. */
    public List<KeptEvent> eventsNewestFirst() {
        List<KeptEvent> list = new ArrayList<>(events.values());
        Collections.reverse(list);
        return list;
    }

    /** How far the account's time is ahead of the base clock; see {@link OffsetClock}. */
    public long clockOffsetMillis() {
        return clockOffsetMillis;
    }

    void apply(Change change) {
        if (change instanceof Change.PutCustomer put) {
            customers.put(put.customer().get("id").asString(), put.customer());
        } else if (change instanceof Change.DeleteCustomer delete) {
            customers.remove(delete.id());
            deletedCustomers.add(delete.id());
        } else if (change instanceof Change.PutSubscription put) {
            subscriptions.put(put.subscription().get("id").asString(), put.subscription());
        } else if (change instanceof Change.PutObject put) {
            objects.computeIfAbsent(put.object().get("object").asString(), kind -> new LinkedHashMap<>())
                    .put(put.object().get("id").asString(), put.object());
        } else if (change instanceof Change.PutIdempotencyRecord put) {
            idempotencyRecords.put(put.record().key(), put.record());
            forgetOldest(idempotencyRecords, MAX_IDEMPOTENCY_RECORDS);
        } else if (change instanceof Change.PutEvent put) {
            KeptEvent event = KeptEvent.of(put.event());
            events.put(event.id(), event);
            forgetOldest(events, MAX_EVENTS);
            forgetEventsOlderThanTheWindowBefore(event.created());
        } else if (change instanceof Change.SetClockOffset offset) {
            clockOffsetMillis = offset.millis();
        } else {
            customers.clear();
            deletedCustomers.clear();
            subscriptions.clear();
            objects.clear();
            idempotencyRecords.clear();
            events.clear();
            clockOffsetMillis = 0;
        }
    }

    void forgetExpiredIdempotencyRecords(long nowMillis) {
        idempotencyRecords.values().removeIf(record -> record.isExpiredAt(nowMillis));
    }

    /** Feeds the changes that rebuild this state from nothing, in an order that keeps creation order. */
    void forEachChange(Consumer<Change> sink) {
        customers.values().forEach(customer -> sink.accept(new Change.PutCustomer(customer)));
        deletedCustomers.forEach(id -> sink.accept(new Change.DeleteCustomer(id)));
        subscriptions.values().forEach(subscription -> sink.accept(new Change.PutSubscription(subscription)));
        objects.values().forEach(kind -> kind.values().forEach(object -> sink.accept(new Change.PutObject(object))));
        idempotencyRecords.values().forEach(record -> sink.accept(new Change.PutIdempotencyRecord(record)));
        events.values().forEach(event -> sink.accept(new Change.PutEvent(event.event())));
        if (clockOffsetMillis != 0) {
            sink.accept(new Change.SetClockOffset(clockOffsetMillis));
        }
    }

    /** Events come in time order (an advance dates its own before the requests after it), the oldest first. */
    private void forgetEventsOlderThanTheWindowBefore(long newest) {
        Iterator<KeptEvent> oldest = events.values().iterator();
        while (oldest.hasNext() && oldest.next().created() < newest - EVENT_SECONDS) {
            oldest.remove();
        }
    }

    private static void forgetOldest(Map<String, ?> objects, int keep) {
        if (objects.size() > keep) {
            objects.remove(objects.keySet().iterator().next());
        }
    }

    private static List<ObjectNode> newestFirst(Map<String, ObjectNode> objects) {
        List<ObjectNode> list = new ArrayList<>(objects.values());
        Collections.reverse(list);
        return list;
    }
}
