package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.internal.oplog.LatencySketch;
import dev.statekeeper.core.internal.oplog.MinuteAggregate;
import dev.statekeeper.core.internal.oplog.OperationLogStorage;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.perf.SlowOperation;
import dev.statekeeper.jdbc.internal.RowMapper;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.SqlWork;
import dev.statekeeper.jdbc.internal.Transactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The operation log in the store's own database: the {@code operation_minutes} and {@code slow_operations} tables
 * (SQLite V6, PostgreSQL V9), written by the log's background writer through the store's {@link Transactor}, so a
 * busy database or a lost connection is retried and reported as any other operation is. Neither table holds records:
 * export, copy, verify and restore leave them alone.
 *
 * <p>Text is cut to what the columns take (a row the table refused would be kept and refused again for an hour); a
 * sketch that does not decode (a damaged row) is skipped and counted, logged once, and its row's counts still add up.
 * Thread-safe.
 */
public final class JdbcOperationLog implements OperationLogStorage {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcOperationLog.class);
    /** The earliest and latest instants bound: the range microseconds since the epoch and TIMESTAMPTZ both hold. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final String INSERT_MINUTE = "INSERT INTO operation_minutes (minute, operation, instance, count, "
            + "errors, faults, sum_micros, max_micros, sketch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_SLOW = "INSERT INTO slow_operations (at, operation, duration_ms, backend, "
            + "outcome, attempts, pool_wait_ms, instance, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_MINUTES = "SELECT minute, operation, instance, count, errors, faults, "
            + "sum_micros, max_micros, sketch FROM operation_minutes WHERE minute >= ?";

    private final Transactor tx;
    private final Queries queries;
    private final Dialect dialect;
    private final AtomicLong damaged = new AtomicLong();

    /**
     * @param tx      the store's transactor
     * @param dialect how the database binds and reads times
     */
    public JdbcOperationLog(Transactor tx, Dialect dialect) {
        this.tx = tx;
        this.queries = tx::query;
        this.dialect = dialect;
    }

    private JdbcOperationLog(Connection connection, Dialect dialect) {
        this.tx = null;
        this.queries = new Queries() {
            @Override
            public <T> T query(String operation, SqlWork<T> work) {
                try {
                    return work.run(connection);
                } catch (SQLException e) {
                    throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "cannot " + operation + ": "
                            + e.getMessage(), e);
                }
            }
        };
        this.dialect = dialect;
    }

    /**
     * The log read over a connection the caller holds (the doctor's read-only one), writing nothing: {@link #write}
     * and {@link #prune} refuse.
     *
     * @param connection an open connection to the store's database
     * @param dialect    how the database binds and reads times
     * @return the reading storage
     */
    public static JdbcOperationLog reading(Connection connection, Dialect dialect) {
        return new JdbcOperationLog(connection, dialect);
    }

    /** Runs a read: through the transactor, or on the caller's connection. */
    private interface Queries {
        <T> T query(String operation, SqlWork<T> work);
    }

    private Transactor writer() {
        if (tx == null) {
            throw new IllegalStateException("this operation log only reads");
        }
        return tx;
    }

    @Override
    public void write(List<MinuteAggregate> minutes, List<SlowOperation> slow) {
        if (minutes.isEmpty() && slow.isEmpty()) {
            return;
        }
        writer().write("write the operation log", c -> {
            insertMinutes(c, minutes);
            insertSlow(c, slow);
            return null;
        });
    }

    private void insertMinutes(Connection c, List<MinuteAggregate> minutes) throws SQLException {
        if (minutes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_MINUTE)) {
            for (MinuteAggregate m : minutes) {
                long count = Math.max(1, m.count());
                insert.setObject(1, dialect.time(minuteOf(m.minute())));
                insert.setString(2, text(m.operation(), 100, "unknown"));
                insert.setString(3, text(m.instance(), 300, "unknown"));
                insert.setLong(4, count);
                insert.setLong(5, Math.clamp(m.errors(), 0, count));
                insert.setLong(6, Math.clamp(m.faults(), 0, count));
                insert.setLong(7, Math.max(0, m.sumMicros()));
                insert.setLong(8, Math.max(0, m.maxMicros()));
                insert.setBytes(9, m.sketch().encode());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void insertSlow(Connection c, List<SlowOperation> slow) throws SQLException {
        if (slow.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_SLOW)) {
            for (SlowOperation s : slow) {
                insert.setObject(1, dialect.time(bounded(s.at())));
                insert.setString(2, text(s.operation(), 100, "unknown"));
                insert.setDouble(3, milliseconds(s.durationMs()));
                insert.setString(4, text(s.backend(), 50, "unknown"));
                insert.setString(5, text(s.outcome(), 100, "unknown"));
                insert.setInt(6, Math.max(1, s.attempts()));
                insert.setDouble(7, milliseconds(s.poolWaitMs()));
                insert.setString(8, text(s.instance(), 300, "unknown"));
                insert.setString(9, text(s.requestId(), 200, null));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public void read(Instant since, String operation, Consumer<MinuteAggregate> rows) {
        Object from = dialect.time(bounded(Objects.requireNonNull(since, "since")));
        RowMapper<Void> each = result -> {
            while (result.next()) {
                MinuteAggregate row = minute(result);
                if (row != null) {
                    rows.accept(row);
                }
            }
            return null;
        };
        queries.query("read the operation log", c -> operation == null
                ? Sql.rows(c, SELECT_MINUTES, each, from)
                : Sql.rows(c, SELECT_MINUTES + " AND operation = ?", each, from, operation));
    }

    private MinuteAggregate minute(ResultSet row) throws SQLException {
        byte[] bytes = row.getBytes("sketch");
        LatencySketch sketch;
        try {
            sketch = LatencySketch.decode(bytes);
        } catch (IllegalArgumentException e) {
            if (damaged.getAndIncrement() == 0) {
                LOG.warn("the operation log has a damaged row (operation '{}', minute {}): {}; such rows are skipped",
                        row.getString("operation"), dialect.time(row, "minute"), e.getMessage());
            }
            return null;
        }
        return new MinuteAggregate(dialect.time(row, "minute"), row.getString("operation"), row.getString("instance"),
                row.getLong("count"), row.getLong("errors"), row.getLong("faults"), row.getLong("sum_micros"),
                row.getLong("max_micros"), sketch);
    }

    @Override
    public List<SlowOperation> readSlow(Instant since, int limit) {
        Object from = dialect.time(bounded(Objects.requireNonNull(since, "since")));
        if (limit <= 0) {
            return List.of();
        }
        return queries.query("read the slow operations", c -> Sql.list(c, "SELECT at, operation, duration_ms, backend, "
                + "outcome, attempts, pool_wait_ms, instance, request_id FROM slow_operations WHERE at >= ? "
                + "ORDER BY duration_ms DESC, at DESC LIMIT ?", row -> new SlowOperation(dialect.time(row, "at"),
                row.getString("operation"), row.getDouble("duration_ms"), row.getString("backend"),
                row.getString("outcome"), row.getInt("attempts"), row.getDouble("pool_wait_ms"),
                row.getString("instance"), row.getString("request_id")), from, limit));
    }

    @Override
    public void prune(Instant before) {
        Object to = dialect.time(bounded(Objects.requireNonNull(before, "before")));
        writer().write("prune the operation log", c -> {
            Sql.update(c, "DELETE FROM operation_minutes WHERE minute < ?", to);
            Sql.update(c, "DELETE FROM slow_operations WHERE at < ?", to);
            return null;
        });
    }

    /** @return how many damaged rows reads have skipped since the store opened */
    public long damagedRows() {
        return damaged.get();
    }

    private static Instant bounded(Instant time) {
        return time.isBefore(EARLIEST) ? EARLIEST : time.isAfter(LATEST) ? LATEST : time;
    }

    private static Instant minuteOf(Instant time) {
        Instant t = bounded(time);
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 60L) * 60);
    }

    private static double milliseconds(double ms) {
        return Double.isFinite(ms) ? Math.max(0, ms) : 0;
    }

    /** The text cut to {@code max} characters (never splitting a surrogate pair), control characters and lone surrogates as '?'. */
    private static String text(String value, int max, String ifEmpty) {
        if (value == null || value.isEmpty()) {
            return ifEmpty;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; ) {
            int cp = value.codePointAt(i);
            if (out.length() + Character.charCount(cp) > max) {
                break;
            }
            boolean unsafe = Character.isISOControl(cp) || cp <= 0xFFFF && Character.isSurrogate((char) cp);
            out.appendCodePoint(unsafe ? '?' : cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
