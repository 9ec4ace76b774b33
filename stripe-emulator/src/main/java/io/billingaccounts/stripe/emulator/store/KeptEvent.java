package io.billingaccounts.stripe.emulator.store;

import io.billingaccounts.stripe.emulator.support.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event as the state keeps it: what {@code GET /v1/events} filters on, in the clear, and the event itself as
 * deflated JSON. Each event holds a whole object as it was, and 30 days of a busy account's events are many: deflated,
 * an event takes some 40% of the memory of its JSON text, and only the page a list answers is inflated again.
 *
 * @param created epoch seconds
 */
public record KeptEvent(String id, String type, long created, byte[] deflated) {

    static KeptEvent of(ObjectNode event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // A deflater of one's own is not ended by its stream, and holds native memory until it is.
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, deflater)) {
            Json.mapper().writeValue(out, event);
        } catch (IOException e) {
            throw new UncheckedIOException("deflating in memory", e);
        } finally {
            deflater.end();
        }
        return new KeptEvent(event.get("id").asString(), event.path("type").asString(""),
                event.path("created").asLong(0), bytes.toByteArray());
    }

    /** The event as it was made: a new copy each time. */
    public ObjectNode event() {
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(deflated))) {
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("inflating in memory", e);
        }
    }
}
