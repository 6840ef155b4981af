package dev.statekeeper.jdbc.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.util.DriverDataSource;
import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.internal.StatementCache;
import dev.statekeeper.jdbc.internal.StorePool;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The connection pool of one PostgreSQL store (HikariCP), sized and timed by the DATABASE_* settings:
 * DATABASE_POOL_MIN_SIZE idle connections kept, at most DATABASE_POOL_MAX_SIZE, a borrower waits at most
 * DATABASE_POOL_TIMEOUT, an idle connection beyond the minimum is closed after
 * DATABASE_MAX_INACTIVE_CONNECTION_LIFETIME, and every statement runs under DATABASE_COMMAND_TIMEOUT
 * ({@code statement_timeout}). Connections say {@code application_name=statekeeper} and rest in auto-commit;
 * {@link PostgresTransactionControl} opens a transaction for work that needs one. The pool opens its first
 * connection at once, so an unreachable server, a wrong password or a missing database fail the open, not the
 * first operation. It is a {@link StorePool}: HikariCP's pool, without HikariCP's INFO lines on start and close.
 */
final class PostgresPool implements PostgresConnections {
    static final String APPLICATION_NAME = "statekeeper";
    private static final Duration MIN_LIFETIME = Duration.ofMinutes(30);
    private static final Duration KEEPALIVE_PING = Duration.ofMinutes(2);

    private final StorePool pool;

    private PostgresPool(StorePool pool) {
        this.pool = pool;
    }

    /**
     * Connections of their own with the pool's settings, for Flyway (which opens and closes its own). The
     * store migrates before it opens the pool, so it never holds more than the pool's connections at once.
     */
    static DataSource unpooled(PostgresUrl url, Settings settings) {
        return new DriverDataSource(url.jdbcUrl(), null, driverProperties(url, settings), null, null);
    }

    static PostgresPool open(PostgresUrl url, Settings settings, PostgresErrorTranslator translator) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("statekeeper-postgres");
        config.setAutoCommit(true);
        int min = settings.integer(Setting.POOL_MIN_SIZE);
        int max = settings.integer(Setting.POOL_MAX_SIZE);
        config.setMinimumIdle(min);
        config.setMaximumPoolSize(max);
        config.setConnectionTimeout(settings.seconds(Setting.POOL_TIMEOUT).toMillis());
        Duration idle = settings.seconds(Setting.MAX_INACTIVE_LIFETIME);
        if (min < max) { // HikariCP warns that an idle timeout has no effect on a fixed-size pool
            config.setIdleTimeout(idle.toMillis());
        }
        // HikariCP ignores an idle timeout that is not well below the maximum lifetime
        config.setMaxLifetime(Math.max(MIN_LIFETIME.toMillis(), idle.plusMinutes(1).toMillis()));
        // idle connections are pinged, so neither a firewall nor the server cuts them for being idle
        config.setKeepaliveTime(KEEPALIVE_PING.toMillis());
        config.setLeakDetectionThreshold(leakThreshold(settings));
        try {
            // connections of the driver with the same properties as Flyway's, each keeping its prepared statements
            return new PostgresPool(StorePool.open(config, StatementCache.caching(unpooled(url, settings))));
        } catch (SQLException e) {
            throw translator.translate("open", e);
        }
    }

    @Override
    public Optional<PoolStats> stats() {
        return Optional.of(pool.stats());
    }

    /** The pooled connections, for all store work. */
    DataSource pooled() {
        return pool;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * DATABASE_LEAK_DETECTION_THRESHOLD in ms: the pool's leak watch then logs a warning, with the thread holding
     * it and that thread's stack, for each connection held longer. At least 2 s, the least HikariCP's own leak
     * detection took (the watch replaced it).
     */
    private static long leakThreshold(Settings settings) {
        long ms = settings.seconds(Setting.LEAK_DETECTION).toMillis();
        if (ms > 0 && ms < 2000) {
            throw new StatekeeperException(ErrorCode.CONFIG_INVALID, "invalid settings: "
                    + Setting.LEAK_DETECTION.variable() + " = '" + settings.raw(Setting.LEAK_DETECTION)
                    + "': must be 0 (off) or at least 2 seconds");
        }
        return ms;
    }

    private static Properties driverProperties(PostgresUrl url, Settings settings) {
        Properties p = url.properties();
        p.putIfAbsent("ApplicationName", APPLICATION_NAME);
        // a JDBC batch of INSERT ... VALUES goes as multi-row INSERTs (an import's batches), not one row per statement
        p.putIfAbsent("reWriteBatchedInserts", "true");
        long statementTimeout = settings.seconds(Setting.COMMAND_TIMEOUT).toMillis();
        String options = p.getProperty("options", "");
        p.setProperty("options", (options.isBlank() ? "" : options + " ") + "-c statement_timeout=" + statementTimeout);
        int idle = settings.integer(Setting.KEEPALIVE_IDLE);
        int interval = settings.integer(Setting.KEEPALIVE_INTERVAL);
        int count = settings.integer(Setting.KEEPALIVE_COUNT);
        // the server probes its end of each connection with the same timing (seed 002's server settings)
        p.setProperty("options", p.getProperty("options") + " -c tcp_keepalives_idle=" + idle
                + " -c tcp_keepalives_interval=" + interval + " -c tcp_keepalives_count=" + count);
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("socketFactory", KeepAliveSocketFactory.class.getName());
        p.setProperty("socketFactoryArg", KeepAliveSocketFactory.argument(idle, interval, count));
        long connectSeconds = Math.max(1, Math.round(settings.seconds(Setting.CONNECT_TIMEOUT).toMillis() / 1000.0));
        p.putIfAbsent("connectTimeout", String.valueOf(connectSeconds));
        p.putIfAbsent("loginTimeout", String.valueOf(connectSeconds));
        return p;
    }
}
