package dev.statekeeper.core.internal.oplog;

import dev.statekeeper.core.perf.SlowOperation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a backend keeps the operation log: a table on SQLite and PostgreSQL, a side file for json. Called from the
 * log's background writer and from readers, never on an operation's path. Each method may throw the backend's
 * {@link dev.statekeeper.core.error.StatekeeperException}; the log catches it.
 */
public interface OperationLogStorage {
    /**
     * Appends minute rows and slow-operation records, in one transaction where the backend has them.
     *
     * @param minutes the rows, possibly several for one minute and operation
     * @param slow    the slow operations
     */
    void write(List<MinuteAggregate> minutes, List<SlowOperation> slow);

    /**
     * Hands the rows of minutes at or after a time to {@code rows}, one by one, without holding them: the reader
     * merges as they come, so a week of minutes takes the memory of one row per operation.
     *
     * @param since     the earliest minute start to return
     * @param operation one operation, or null for all
     * @param rows      takes each row, unmerged
     */
    void read(Instant since, String operation, Consumer<MinuteAggregate> rows);

    /**
     * The rows of {@link #read(Instant, String, Consumer)} in a list: for tests and small windows.
     *
     * @param since     the earliest minute start to return
     * @param operation one operation, or null for all
     * @return the rows, unmerged
     */
    default List<MinuteAggregate> readAll(Instant since, String operation) {
        List<MinuteAggregate> rows = new ArrayList<>();
        read(since, operation, rows::add);
        return rows;
    }

    /**
     * The slowest records at or after a time.
     *
     * @param since the earliest end time
     * @param limit at most this many
     * @return the records, slowest first
     */
    List<SlowOperation> readSlow(Instant since, int limit);

    /**
     * Deletes rows and records older than a time.
     *
     * @param before minutes and records before this go
     */
    void prune(Instant before);
}
