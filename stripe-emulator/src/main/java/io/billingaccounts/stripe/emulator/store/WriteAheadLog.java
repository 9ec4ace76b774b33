package io.billingaccounts.stripe.emulator.store;

import io.billingaccounts.stripe.emulator.support.Json;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An append-only file of committed transactions, one JSON line each: {@code {"changes": [...]}}.
 *
 * <p>A line is written with a single write() before the request is answered. That survives a killed
 * process (the data is in the OS page cache); {@code fsync} also makes it survive a power cut. A
 * process killed in the middle of a write leaves a torn last line, one without its newline: its
 * request was never answered, so replay drops it and truncates the file to the last whole line. A
 * whole line that does not parse is damage and stops the start.
 *
 * <p>Writes go through a {@link FileOutputStream}, not a {@code FileChannel}: a channel is closed
 * for good when a thread writing to it is interrupted, and request threads are interrupted when the
 * emulator stops.
 */
final class WriteAheadLog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WriteAheadLog.class.getName());

    private final Path file;
    private final boolean fsync;
    private final FileOutputStream out;

    private WriteAheadLog(Path file, boolean fsync) throws IOException {
        this.file = file;
        this.fsync = fsync;
        this.out = new FileOutputStream(file.toFile(), true);
    }

    static WriteAheadLog openForAppend(Path file, boolean fsync) throws IOException {
        return new WriteAheadLog(file, fsync);
    }

    /**
     * Feeds every change of every whole line to {@code apply}, truncating a torn last line.
     *
     * @return the number of transactions replayed
     */
    static int replay(Path file, Consumer<Change> apply) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        // Applied line by line, not parsed whole first: a parsed file is many times its size. A damaged line
        // still stops the start, and the caller drops the state it was applied to.
        int transactions = 0;
        int lineStart = 0;
        while (lineStart < bytes.length) {
            int newline = indexOf(bytes, (byte) '\n', lineStart);
            if (newline < 0) {
                LOG.log(System.Logger.Level.WARNING, "{0}: dropped a torn last record ({1} bytes after record {2}),"
                        + " written by a process that died before answering it; truncating",
                        file, bytes.length - lineStart, transactions);
                truncate(file, lineStart);
                break;
            }
            transactions++;
            parse(file, bytes, lineStart, newline, transactions).forEach(apply);
            lineStart = newline + 1;
        }
        return transactions;
    }

    /** Appends one transaction; it is durable (against a process kill) when this returns. */
    void append(List<Change> changes) {
        ObjectNode line = Json.object();
        changes.forEach(change -> line.withArray("changes").add(Change.toJson(change)));
        byte[] bytes = (Json.compact(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(bytes);
            if (fsync) {
                out.getFD().sync();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    void sync() throws IOException {
        out.getFD().sync();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** A whole line (its newline was written) that does not parse is damage, not a torn write. */
    private static List<Change> parse(Path file, byte[] bytes, int from, int to, int lineNumber) {
        try {
            JsonNode line = Json.mapper().readTree(bytes, from, to - from);
            List<Change> changes = new ArrayList<>();
            line.get("changes").values().forEach(change -> changes.add(Change.fromJson(change)));
            return changes;
        } catch (RuntimeException e) {
            throw new IllegalStateException("corrupt record at line " + lineNumber + " of " + file
                    + "; refusing to start on a damaged log", e);
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
