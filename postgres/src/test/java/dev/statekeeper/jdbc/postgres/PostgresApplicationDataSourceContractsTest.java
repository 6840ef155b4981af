package dev.statekeeper.jdbc.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.contract.ArchiveContract;
import dev.statekeeper.testkit.contract.ConcurrencyContract;
import dev.statekeeper.testkit.contract.DocumentContract;
import dev.statekeeper.testkit.contract.FeedbackContract;
import dev.statekeeper.testkit.contract.LifecycleContract;
import dev.statekeeper.testkit.contract.LoopCleanContract;
import dev.statekeeper.testkit.contract.LoopContract;
import dev.statekeeper.testkit.contract.SessionContract;
import dev.statekeeper.testkit.contract.SpecContract;
import dev.statekeeper.testkit.contract.EventContract;
import dev.statekeeper.testkit.contract.StoreContracts;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract suite on PostgreSQL through the application's own DataSource
 * ({@link PostgresStateStore#open(javax.sql.DataSource, Settings, Clock)}): each store on a new database, over a
 * HikariCP pool the test owns, whose connections come out of auto-commit. The pools are closed after each test,
 * once its stores are, and must still be open then: closing a store leaves its DataSource alone.
 */
class PostgresApplicationDataSourceContractsTest extends StoreContracts {
    private final List<HikariDataSource> applications = new ArrayList<>();

    @Override
    protected StateStore newStore(Settings settings, Clock clock) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(FreshPostgresStores.server().jdbcUrl(FreshPostgresStores.migratedDatabase()));
        config.setUsername(PostgresServer.USER);
        config.setMinimumIdle(1);
        config.setMaximumPoolSize(6);
        config.setAutoCommit(false);
        HikariDataSource application = new HikariDataSource(config);
        synchronized (applications) {
            applications.add(application);
        }
        return PostgresStateStore.open(application, settings, clock);
    }

    @AfterEach
    void closeTheApplicationsPools() {
        synchronized (applications) {
            assertThat(applications).noneMatch(HikariDataSource::isClosed);
            applications.forEach(HikariDataSource::close);
        }
    }

    @Nested
    class Archive extends ArchiveContract {}

    @Nested
    class Concurrency extends ConcurrencyContract {}

    @Nested
    class Document extends DocumentContract {}

    @Nested
    class Events extends EventContract {}

    @Nested
    class Feedback extends FeedbackContract {}

    @Nested
    class Lifecycle extends LifecycleContract {}

    @Nested
    class LoopClean extends LoopCleanContract {}

    @Nested
    class Loop extends LoopContract {}

    @Nested
    class Session extends SessionContract {}

    @Nested
    class Spec extends SpecContract {}
}
