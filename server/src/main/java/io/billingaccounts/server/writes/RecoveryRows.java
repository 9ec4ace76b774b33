package io.billingaccounts.server.writes;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects that may have a write in {@code pending_write}, on a database this process owns: those its rows
 * named when the process started (left by a process that died), and those whose write this process handed to
 * recovery since. Any other object's turn is free once its in-memory line is, so its writer asks the database
 * nothing. An object is forgotten when a look finds its row gone (recovery ended it). Its methods are called by
 * the head of the object's line only, so one object's adds and removes never race.
 */
final class RecoveryRows {

    private final Set<String> objects = ConcurrentHashMap.newKeySet();

    RecoveryRows(Iterable<String> objectsWithRows) {
        objectsWithRows.forEach(objects::add);
    }

    boolean mayHold(String objectId) {
        return objects.contains(objectId);
    }

    void handedToRecovery(String objectId) {
        objects.add(objectId);
    }

    void ended(String objectId) {
        objects.remove(objectId);
    }
}
