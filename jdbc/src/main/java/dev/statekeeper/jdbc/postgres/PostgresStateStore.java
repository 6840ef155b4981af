package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.jdbc.Sql;
import dev.statekeeper.jdbc.RetryPolicy;
import dev.statekeeper.jdbc.Transactor;
import dev.statekeeper.jdbc.migration.Migrator;
import dev.statekeeper.jdbc.store.JdbcStateStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code postgres} backend: a PostgreSQL 14+ database named by DATABASE_URL, reached through a HikariCP
 * pool ({@link PostgresPool}). Every operation is one transaction on a pooled connection: a read of one
 * statement in auto-commit, a read of several in a {@code REPEATABLE READ READ ONLY} transaction that is rolled
 * back, a write at the server's default isolation (READ COMMITTED) with the rows it changes locked
 * ({@code SELECT ... FOR UPDATE}) so that concurrent writers from any number of processes never lose an
 * update ({@link PostgresTransactionControl}). The per-table work is done by the repositories shared with
 * SQLite. Thread-safe.
 */
public final class PostgresStateStore extends JdbcStateStore {
    private static final String BACKEND = PostgresStoreProvider.NAME;

    private final PostgresUrl url;
    private final PostgresPool pool;
    private final boolean trigrams;

    private PostgresStateStore(PostgresUrl url, PostgresPool pool, Transactor tx, PostgresDialect dialect,
                               Settings settings, Clock clock) {
        super(BACKEND, tx, dialect, settings, clock);
        this.url = url;
        this.pool = pool;
        this.trigrams = dialect.usesTrigrams();
    }

    /**
     * Connects to DATABASE_URL and brings the schema up to date when {@link Setting#AUTO_MIGRATE} allows
     * (else validates it). Fails with BACKEND_UNAVAILABLE when the server cannot be reached or refuses the
     * user, with MIGRATION_DRIFT when the schema does not match this build's migrations.
     */
    public static PostgresStateStore open(Settings settings, Clock clock) {
        PostgresUrl url = PostgresUrl.parse(settings.raw(Setting.DATABASE_URL));
        PostgresErrorTranslator translator = new PostgresErrorTranslator(url, settings);
        PostgresSchema schema = new PostgresSchema(url, translator);
        schema.ensureCurrent(settings.flag(Setting.AUTO_MIGRATE), PostgresPool.unpooled(url, settings));
        PostgresPool pool = PostgresPool.open(url, settings, translator);
        try {
            Transactor tx = new Transactor(BACKEND, pool.pooled(), pool.pooled(), new PostgresTransactionControl(),
                    translator.onPool(pool.counts()), RetryPolicy.from(settings));
            PostgresDialect dialect = PostgresDialect.of(tx, url,
                    schema.trigramSchema(tx, settings.flag(Setting.AUTO_MIGRATE)));
            return new PostgresStateStore(url, pool, tx, dialect, settings, clock);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * {@code db migrate} of the database DATABASE_URL names, over connections of its own: it need not open as a
     * store (it may be behind while {@link Setting#AUTO_MIGRATE} is off).
     */
    public static Migrator migrator(Settings settings) {
        PostgresUrl url = PostgresUrl.parse(settings.raw(Setting.DATABASE_URL));
        return new PostgresSchema(url, new PostgresErrorTranslator(url, settings))
                .migrator(PostgresPool.unpooled(url, settings));
    }

    /** Whether fuzzy resolve is ranked by pg_trgm in the database (else in Java: see {@link PostgresDialect#of}). */
    public boolean usesTrigramIndex() {
        return trigrams;
    }

    @Override
    public Optional<PoolStats> poolStats() {
        return Optional.of(pool.stats());
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

    @Override
    protected void closeDatabase() {
        pool.close();
    }
}
