package io.billingaccounts.stripe.emulator.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The account's state behind the one data lock, made durable by a write-ahead log when there is a
 * data directory. Readers share the lock; a writer holds it while it decides its changes, logs them
 * and applies them, so the log's order is the commit order.
 *
 * <p>At start the directory's snapshot and log are replayed, then compacted: a new snapshot is
 * written beside the old one and renamed over it, and only then is the log emptied. A crash between
 * the two leaves a log whose changes the snapshot already holds; replaying them again is harmless
 * because changes carry whole object states.
 */
public final class DataStore implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DataStore.class.getName());
    private static final String LOG_FILE = "wal.jsonl";
    private static final String SNAPSHOT_FILE = "snapshot.jsonl";
    private static final String LOCK_FILE = "lock";
    private static final int COMMITS_BETWEEN_IDEMPOTENCY_PURGES = 1024;

    private final EmulatorState state;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final OffsetClock clock;
    private final WriteAheadLog log;
    private final FileChannel lockChannel;
    private final List<Consumer<List<Change>>> commitListeners = new CopyOnWriteArrayList<>();
    private int commitsSincePurge;

    /** Changes are logged and applied together, or neither. */
    public interface Transaction {
        EmulatorState state();

        void commit(List<Change> changes);
    }

    /** @param baseClock the time the account's clock starts from; the account keeps how far it was advanced */
    private DataStore(EmulatorState state, Clock baseClock, WriteAheadLog log, FileChannel lockChannel) {
        this.state = state;
        this.clock = new OffsetClock(baseClock, state::clockOffsetMillis);
        this.log = log;
        this.lockChannel = lockChannel;
    }

    public static DataStore inMemory(Clock clock) {
        return new DataStore(new EmulatorState(), clock, null, null);
    }

    public static DataStore open(Path dataDir, boolean fsync, Clock clock) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel lockChannel = lockExclusively(dataDir.resolve(LOCK_FILE));
        try {
            EmulatorState recovered = new EmulatorState();
            Path snapshot = dataDir.resolve(SNAPSHOT_FILE);
            Path logFile = dataDir.resolve(LOG_FILE);
            int snapshotRecords = WriteAheadLog.replay(snapshot, recovered::apply);
            int logRecords = WriteAheadLog.replay(logFile, recovered::apply);
            recovered.forgetExpiredIdempotencyRecords(clock.millis() + recovered.clockOffsetMillis());
            if (logRecords > 0) {
                compact(recovered, snapshot, logFile);
            }
            LOG.log(System.Logger.Level.INFO, "{0}: recovered {1} snapshot records and {2} log records",
                    dataDir, snapshotRecords, logRecords);
            return new DataStore(recovered, clock, WriteAheadLog.openForAppend(logFile, fsync), lockChannel);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    /**
     * The account's time: the base clock given at open, moved on by every {@link Change.SetClockOffset} committed
     * (kept in the log, so a restart keeps it); a wipe sets it back.
     */
    public OffsetClock clock() {
        return clock;
    }

    /**
     * Hears of the changes of every commit from now on (not of those replayed at open), once applied, under the
     * write lock: in commit order, and before any reader can see them.
     */
    public void addCommitListener(Consumer<List<Change>> listener) {
        commitListeners.add(listener);
    }

    public <T> T read(Function<EmulatorState, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    public <T> T write(Function<Transaction, T> writer) {
        lock.writeLock().lock();
        try {
            return writer.apply(new Transaction() {
                @Override
                public EmulatorState state() {
                    return state;
                }

                @Override
                public void commit(List<Change> changes) {
                    DataStore.this.commit(changes);
                }
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets every object and idempotency key, durably. */
    public void wipe() {
        write(transaction -> {
            transaction.commit(List.of(new Change.WipeAll()));
            return null;
        });
    }

    @Override
    public void close() throws IOException {
        lock.writeLock().lock();
        try {
            if (log != null) {
                log.close();
                lockChannel.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void commit(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        if (log != null) {
            log.append(changes);
        }
        changes.forEach(state::apply);
        commitListeners.forEach(listener -> listener.accept(changes));
        if (++commitsSincePurge >= COMMITS_BETWEEN_IDEMPOTENCY_PURGES) {
            commitsSincePurge = 0;
            state.forgetExpiredIdempotencyRecords(clock.millis());
        }
    }

    private static void compact(EmulatorState recovered, Path snapshot, Path logFile) throws IOException {
        Path next = snapshot.resolveSibling(SNAPSHOT_FILE + ".next");
        Files.deleteIfExists(next);
        try (WriteAheadLog writer = WriteAheadLog.openForAppend(next, false)) {
            recovered.forEachChange(change -> writer.append(List.of(change)));
            writer.sync();
        }
        Files.move(next, snapshot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(snapshot.getParent());
        WriteAheadLog.truncate(logFile, 0);
    }

    private static FileChannel lockExclusively(Path lockFile) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("data directory " + lockFile.getParent()
                    + " is in use by another stripe-emulator");
        }
        return channel;
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
