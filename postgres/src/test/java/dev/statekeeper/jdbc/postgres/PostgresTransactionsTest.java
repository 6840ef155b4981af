package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.sql.RawSql;
import dev.statekeeper.jdbc.internal.RetryPolicy;
import dev.statekeeper.jdbc.internal.Transactor;
import dev.statekeeper.testkit.Fixtures;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the store's work meets the server's transactions: single queries in auto-commit, snapshot reads and
 * writes in transactions that always end, whether the work succeeded or failed, so no pooled connection is
 * ever left {@code idle in transaction} holding a snapshot or locks.
 */
class PostgresTransactionsTest {

    @Test
    void noConnectionIsLeftInATransactionAfterReadsWritesAndFailures() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        Settings pool = Settings.builder().set(dev.statekeeper.core.config.Setting.POOL_MIN_SIZE, "3").build();
        try (PostgresStateStore store = FreshPostgresStores.openOn(database, pool, new TestClock());
             Connection raw = RawPostgres.connect(database)) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            store.addFeedback(id, Fixtures.feedback(70));
            store.getLoop(id);
            store.listLoops(LoopQuery.all());
            store.activeLoops();
            assertThatThrownBy(() -> store.getLoop("missing1")).isInstanceOf(StatekeeperException.class);
            assertThatThrownBy(() -> store.addFeedback(id, Fixtures.feedback(80), 99L))
                    .extracting(e -> ((StatekeeperException) e).code()).isEqualTo(ErrorCode.STALE_VERSION);
            assertThatThrownBy(() -> store.resolveSpec("demo", "nothing like it"))
                    .extracting(e -> ((StatekeeperException) e).code()).isEqualTo(ErrorCode.SPEC_NOT_FOUND);

            assertThat(store.poolStats()).hasValueSatisfying(stats -> {
                assertThat(stats.active()).isZero();
                assertThat(stats.idle()).isBetween(1, 20);
                assertThat(stats.max()).isEqualTo(20);
            });
            assertThat(RawSql.text(raw, "SELECT string_agg(DISTINCT state, ',') FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND application_name = 'statekeeper'")).isEqualTo("idle");
        }
    }

    /**
     * The isolation each kind of work runs at, as the server reports it from inside the work: what
     * {@code TransactionControl.Work} and {@link PostgresTransactionControl} say.
     */
    @Test
    void readsRunAtRepeatableReadReadOnlyAndWritesAtTheServersDefault() {
        String database = FreshPostgresStores.migratedDatabase();
        Settings settings = FreshPostgresStores.settingsFor(database, Settings.defaults());
        PostgresUrl url = PostgresUrl.parse(settings.raw(dev.statekeeper.core.config.Setting.DATABASE_URL));
        PostgresErrorTranslator translator = new PostgresErrorTranslator(url, settings);
        try (PostgresPool pool = PostgresPool.open(url, settings, translator)) {
            Transactor tx = new Transactor("postgres", pool.pooled(), pool.pooled(), new PostgresTransactionControl(),
                    translator, RetryPolicy.from(settings));
            assertThat(tx.query("query", PostgresTransactionsTest::isolation)).isEqualTo("read committed, read-write");
            assertThat(tx.read("read", PostgresTransactionsTest::isolation)).isEqualTo("repeatable read, read-only");
            assertThat(tx.snapshot("snapshot", PostgresTransactionsTest::isolation))
                    .isEqualTo("repeatable read, read-only");
            assertThat(tx.write("write", PostgresTransactionsTest::isolation)).isEqualTo("read committed, read-write");
        }
    }

    private static String isolation(Connection c) throws SQLException {
        return RawSql.text(c, "SELECT current_setting('transaction_isolation') || ', ' "
                + "|| CASE current_setting('transaction_read_only') WHEN 'on' THEN 'read-only' ELSE 'read-write' END");
    }
}
