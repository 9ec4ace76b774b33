package io.billingaccounts.stripe.emulator.store;

import io.billingaccounts.stripe.emulator.support.Json;
import java.util.ArrayList;
import java.util.Collections;
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
 * <p>Events are kept, but only the newest {@value #MAX_EVENTS} (Stripe keeps 30 days): each event
 * holds the object as it was, so an account that changes all day must not keep them all. They are
 * rarely read again, so they are held as compact JSON text, a fifth of the memory of a JSON tree.
 *
 * <p>Idempotency records are kept for 24 hours like Stripe's, but at most the newest
 * {@value #MAX_IDEMPOTENCY_RECORDS}: each holds a whole answer, and an emulator embedded in a server
 * with a small heap must not grow with every write of a busy day. Clients retry within seconds.
 */
public final class EmulatorState {

    /** How many events are kept; the oldest are forgotten first. */
    public static final int MAX_EVENTS = 10_000;

    /** How many idempotency records are kept at most; the oldest are forgotten first. */
    public static final int MAX_IDEMPOTENCY_RECORDS = 10_000;

    private final Map<String, ObjectNode> customers = new LinkedHashMap<>();
    private final Set<String> deletedCustomers = new LinkedHashSet<>();
    private final Map<String, ObjectNode> subscriptions = new LinkedHashMap<>();
    /** Every other kind of object, by its {@code object} field, then by id. */
    private final Map<String, Map<String, ObjectNode>> objects = new LinkedHashMap<>();
    private final Map<String, IdempotencyRecord> idempotencyRecords = new LinkedHashMap<>();
    private final Map<String, String> events = new LinkedHashMap<>();
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
        String event = events.get(id);
        return event == null ? null : (ObjectNode) Json.parse(event);
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
            events.put(put.event().get("id").asString(), Json.compact(put.event()));
            forgetOldest(events, MAX_EVENTS);
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
        events.values().forEach(event -> sink.accept(new Change.PutEvent((ObjectNode) Json.parse(event))));
        if (clockOffsetMillis != 0) {
            sink.accept(new Change.SetClockOffset(clockOffsetMillis));
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
