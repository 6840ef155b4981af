package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.internal.oplog.OperationRecorder;
import dev.statekeeper.core.perf.OperationLog;
import dev.statekeeper.jdbc.internal.store.JdbcOperationLog;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.RetryPolicy;
import dev.statekeeper.jdbc.internal.Transactor;
import dev.statekeeper.jdbc.migration.Migrator;
import dev.statekeeper.jdbc.internal.store.JdbcEventLog;
import dev.statekeeper.jdbc.internal.store.JdbcStateStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code postgres} backend: a PostgreSQL 14+ database named by DATABASE_URL, reached through a HikariCP
 * pool ({@link PostgresPool}). Every operation is one transaction on a pooled connection: a read of one
 * statement in auto-commit, a read of several in a {@code REPEATABLE READ READ ONLY} transaction that is rolled
 * back, a write at the server's default isolation (READ COMMITTED unless {@code default_transaction_isolation}
 * says otherwise) with the rows it changes locked ({@code SELECT ... FOR UPDATE}) so that concurrent writers from
 * any number of processes never lose an update ({@link PostgresTransactionControl}). The per-table work is done by
 * the repositories shared with SQLite. Thread-safe.
 *
 * <p>An application with a pool of its own opens the store on it with {@link #open(DataSource, Settings, Clock)}
 * instead of DATABASE_URL. Close the store when done: it closes its own pool, never the application's DataSource.
 * The errors of its operations are those {@link dev.statekeeper.core.api.StateStore} names.
 *
 * <p>Each write that changes something notifies the channel of the store's schema ({@code pg_notify}, in its
 * transaction); the followers of the change history ({@link dev.statekeeper.core.events.EventLog#awaitAfter}) are
 * woken by a listener on one connection of the store's own, outside the pool, opened on the first wait
 * ({@link EventListener}), and poll at least every second as a fallback. On the application's DataSource, of which the
 * store holds no connection for long, there is no listener: followers poll every STATEKEEPER_EVENTS_POLL.
 */
public final class PostgresStateStore extends JdbcStateStore {
    private static final String BACKEND = PostgresStoreProvider.NAME;
    /** The poll of a follower while notifications announce the events. */
    private static final Duration LISTENING_POLL = Duration.ofSeconds(1);

    private final PostgresUrl url;
    private final PostgresConnections connections;
    private final boolean trigrams;
    private final EventListener listener;

    private PostgresStateStore(PostgresUrl url, PostgresConnections connections, Transactor tx, PostgresDialect dialect,
                               Settings settings, Clock clock, String channel, DataSource listening) {
        super(BACKEND, tx, dialect, settings, clock, new PostgresEventRows(channel),
                eventsPoll(settings, listening != null));
        this.url = url;
        this.connections = connections;
        this.trigrams = dialect.usesTrigrams();
        if (listening == null) {
            this.listener = null;
        } else {
            JdbcEventLog log = events();
            this.listener = new EventListener(listening, channel, url.toString(), log::announce);
            log.beforeWait(listener::start);
        }
    }

    /**
     * How often a follower polls the newest sequence: STATEKEEPER_EVENTS_POLL, but at least {@link #LISTENING_POLL}
     * when notifications announce the events (the poll is then only a fallback while the listener reconnects).
     */
    private static Duration eventsPoll(Settings settings, boolean listening) {
        Duration poll = settings.seconds(Setting.EVENTS_POLL);
        return listening && poll.compareTo(LISTENING_POLL) < 0 ? LISTENING_POLL : poll;
    }


    /**
     * Connects to DATABASE_URL and brings the schema up to date when {@link Setting#AUTO_MIGRATE} allows
     * (else validates it), then opens a HikariCP pool that keeps DATABASE_POOL_MIN_SIZE idle connections and opens
     * at most DATABASE_POOL_MAX_SIZE.
     *
     * @param settings the validated settings: DATABASE_URL, the pool's and connections' settings, the loop policy...
     * @param clock    the clock that stamps records
     * @return the open store; the caller closes it
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} when DATABASE_URL is missing or malformed,
     *         or DATABASE_LEAK_DETECTION_THRESHOLD is between 0 and 2 s (HikariCP cannot watch so short);
     *         {@link dev.statekeeper.core.error.ErrorCode#BACKEND_UNAVAILABLE} when the server cannot be reached or
     *         refuses the user or the database; {@link dev.statekeeper.core.error.ErrorCode#MIGRATION_DRIFT} when the
     *         schema does not match this build's migrations, or is behind while STATEKEEPER_AUTO_MIGRATE is false
     */
    public static PostgresStateStore open(Settings settings, Clock clock) {
        PostgresUrl url = PostgresUrl.parse(settings.raw(Setting.DATABASE_URL));
        PostgresErrorTranslator translator = new PostgresErrorTranslator(url, settings);
        PostgresSchema schema = new PostgresSchema(url, translator);
        schema.ensureCurrent(settings.flag(Setting.AUTO_MIGRATE), PostgresPool.unpooled(url, settings));
        PostgresPool pool = PostgresPool.open(url, settings, translator);
        try {
            return open(url, pool, translator, schema, settings, clock, PostgresPool.unpooled(url, settings));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Opens the store on the application's own DataSource, a pool (HikariCP, DBCP, Agroal...) or a plain
     * {@code PGSimpleDataSource}, reaching a PostgreSQL 14+ database; DATABASE_URL is not read. The schema is
     * brought up to date on it when {@link Setting#AUTO_MIGRATE} allows, else validated (MIGRATION_DRIFT when it
     * is behind; {@link #migrator(DataSource, Settings)} migrates it), as on {@link #open(Settings, Clock)}.
     *
     * <p>The DataSource stays the application's: {@link #close()} leaves it open, and its size, timeouts and
     * connection properties are its own; the settings of Statekeeper's pool and connections (DATABASE_POOL_*,
     * DATABASE_COMMAND_TIMEOUT, DATABASE_CONNECT_TIMEOUT, DATABASE_KEEPALIVE_*, DATABASE_LEAK_DETECTION_THRESHOLD)
     * do not apply: a statement of the store runs as long as the application's {@code statement_timeout} allows.
     * The store borrows a connection for each operation and gives it back as it found it (auto-commit and read-only
     * as they were); opening it takes two at once (Flyway's), so the pool must allow at least two.
     *
     * <p>{@link #poolStats()} reports what can be known: the counts of a HikariCP DataSource (or one that unwraps
     * to it), which are its whole pool's, the application's borrowers included; nothing for any other DataSource,
     * which does not say how it pools. A DataSource that gives no connection fails the operation with
     * BACKEND_UNAVAILABLE naming it and, for HikariCP, its counts, whatever pool it is.
     *
     * @param dataSource the application's DataSource; it stays open when the store closes
     * @param settings   the validated settings: STATEKEEPER_AUTO_MIGRATE, the retries, the loop policy...
     * @param clock      the clock that stamps records
     * @return the open store; the caller closes it
     * @throws NullPointerException when {@code dataSource} is null
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#BACKEND_UNAVAILABLE} when the DataSource gives no connection;
     *         {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} when it reaches another database than
     *         PostgreSQL; {@link dev.statekeeper.core.error.ErrorCode#MIGRATION_DRIFT} when the schema does not match
     *         this build's migrations, or is behind while STATEKEEPER_AUTO_MIGRATE is false
     */
    public static PostgresStateStore open(DataSource dataSource, Settings settings, Clock clock) {
        ApplicationConnections connections = new ApplicationConnections(Objects.requireNonNull(dataSource, "dataSource"));
        PostgresUrl url = connections.identify();
        PostgresErrorTranslator translator = PostgresErrorTranslator.onApplication(url, settings, connections);
        PostgresSchema schema = new PostgresSchema(url, translator);
        schema.ensureCurrent(settings.flag(Setting.AUTO_MIGRATE), connections.dataSource());
        // no connection of its own beside the application's: followers poll (STATEKEEPER_EVENTS_POLL)
        return open(url, connections, translator, schema, settings, clock, null);
    }

    /**
     * {@link #open(DataSource, Settings, Clock)} on the system clock (UTC).
     *
     * @param dataSource the application's DataSource; it stays open when the store closes
     * @param settings   the validated settings
     * @return the open store; the caller closes it
     * @throws dev.statekeeper.core.error.StatekeeperException as {@link #open(DataSource, Settings, Clock)}
     */
    public static PostgresStateStore open(DataSource dataSource, Settings settings) {
        return open(dataSource, settings, Clock.systemUTC());
    }

    private static PostgresStateStore open(PostgresUrl url, PostgresConnections connections,
                                           PostgresErrorTranslator translator, PostgresSchema schema, Settings settings,
                                           Clock clock, DataSource listening) {
        Transactor tx = new Transactor(BACKEND, connections.dataSource(), connections.dataSource(),
                new PostgresTransactionControl(), translator, RetryPolicy.from(settings));
        PostgresDialect dialect = PostgresDialect.of(tx, url, schema.trigramSchema(tx, settings.flag(Setting.AUTO_MIGRATE)));
        String channel = EventListener.channel(tx.query("read the current schema",
                c -> Sql.first(c, "SELECT coalesce(current_schema(), 'public')", row -> row.getString(1)).orElse("public")));
        return new PostgresStateStore(url, connections, tx, dialect, settings, clock, channel, listening);
    }

    /**
     * The operation log kept in a PostgreSQL database, read over a connection the caller holds (a read-only one will do):
     * what {@code statekeeper doctor} reads when no store is open in its process. It writes nothing.
     *
     * @param connection an open connection to the store's database, its search path on the store's schema
     * @param settings   the settings (STATEKEEPER_SLOW_OPERATION_MS)
     * @param clock      the clock that says what "the last hour" is
     * @return the log, reading only
     */
    public static OperationLog storedOperationLog(Connection connection, Settings settings, Clock clock) {
        return OperationRecorder.reading(PostgresStoreProvider.NAME,
                JdbcOperationLog.reading(connection, PostgresDialect.of(null, null, Optional.empty())),
                settings.integer(Setting.SLOW_OPERATION_MS), clock);
    }

    /**
     * {@code db migrate} of the database DATABASE_URL names, over connections of its own: it need not open as a
     * store (it may be behind while {@link Setting#AUTO_MIGRATE} is off). It holds no connection between calls:
     * nothing to close.
     *
     * @param settings the settings naming the database
     * @return the database's migrator
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} when DATABASE_URL is missing or malformed
     *         (the server is first reached by the migrator's calls)
     */

    public static Migrator migrator(Settings settings) {
        PostgresUrl url = PostgresUrl.parse(settings.raw(Setting.DATABASE_URL));
        return new PostgresSchema(url, new PostgresErrorTranslator(url, settings))
                .migrator(PostgresPool.unpooled(url, settings));
    }

    /**
     * {@code db migrate} of the database the application's DataSource reaches, over its connections: for an
     * application that opens the store with {@link Setting#AUTO_MIGRATE} off and migrates when it chooses. It
     * borrows connections only while it works; the DataSource stays open.
     *
     * @param dataSource the application's DataSource
     * @param settings   the settings
     * @return the database's migrator
     * @throws NullPointerException when {@code dataSource} is null
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#BACKEND_UNAVAILABLE} when the DataSource gives no connection;
     *         {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} when it reaches another database than
     *         PostgreSQL
     */
    public static Migrator migrator(DataSource dataSource, Settings settings) {
        ApplicationConnections connections = new ApplicationConnections(Objects.requireNonNull(dataSource, "dataSource"));
        PostgresUrl url = connections.identify();
        return new PostgresSchema(url, PostgresErrorTranslator.onApplication(url, settings, connections))
                .migrator(connections.dataSource());
    }

    /** Whether fuzzy resolve is ranked by pg_trgm in the database (else in Java: see {@link PostgresDialect#of}). */
    public boolean usesTrigramIndex() {
        return trigrams;
    }

    /**
     * The counts of the store's pool; on the application's DataSource, those of a HikariCP one (its whole pool) and
     * empty for any other ({@link #open(DataSource, Settings, Clock)}).
     */
    @Override
    public Optional<PoolStats> poolStats() {
        return connections.stats();
    }

    @Override
    protected String location() {
        return url.toString();
    }

    @Override
    protected String schemaVersion(Connection c) throws SQLException {
        return Sql.first(c, "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL "
                + "ORDER BY installed_rank DESC LIMIT 1", row -> row.getString(1)).orElse("0");
    }

    /** The whole database ({@code pg_database_size}): tables, indexes and what else lives in it. */
    @Override
    protected Map<String, Long> sizes(Connection c) throws SQLException {
        return Map.of("database", Sql.number(c, "SELECT pg_database_size(current_database())"));
    }

    /** Closes the store's own pool; leaves the application's DataSource open. */
    @Override
    protected void closeDatabase() {
        if (listener != null) {
            listener.close();
        }
        connections.close();
    }
}
