package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import dev.statekeeper.testkit.sql.RawSql;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V8 drops {@code idx_loop_history_sequence}, which duplicated {@code loop_history_pkey}: from a database at V7 with
 * the index, and from one whose operator already dropped it (the doctor's duplicate-indexes fix); the active-loop
 * queue still reads newest first through the primary key.
 */
class PostgresLoopHistoryIndexMigrationTest {
    private final TestClock clock = new TestClock();

    private static String databaseAtV7() {
        String database = FreshPostgresStores.server().createDatabase();
        Flyway.configure().dataSource(FreshPostgresStores.server().jdbcUrl(database), PostgresServer.USER, "")
                .locations("classpath:db/migration/postgres").target("7").load().migrate();
        return database;
    }

    @Test
    void aDatabaseAtV7LosesTheDuplicateIndexAndKeepsItsQueue() throws Exception {
        String database = databaseAtV7();
        try (Connection raw = RawPostgres.connect(database)) {
            assertThat(RawSql.text(raw, "SELECT to_regclass('idx_loop_history_sequence')::text"))
                    .isEqualTo("idx_loop_history_sequence");
        }

        try (PostgresStateStore store = FreshPostgresStores.openOn(database, Settings.defaults(), clock);
             Connection raw = RawPostgres.connect(database)) {
            assertThat(store.info().schemaVersion()).isEqualTo("11");
            assertThat(RawSql.text(raw, "SELECT to_regclass('idx_loop_history_sequence')::text")).isNull();
            assertThat(RawSql.text(raw, "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes "
                    + "WHERE tablename = 'loop_history'")).isEqualTo("loop_history_loop_id_key,loop_history_pkey");

            for (String id : new String[] {"first", "second", "third"}) {
                store.createLoop(new NewLoop("demo", LoopType.SPEC, id));
                clock.advance(java.time.Duration.ofSeconds(1));
            }
            assertThat(store.activeLoops()).extracting(LoopSummary::id).containsExactly("third", "second", "first");
        }
    }

    @Test
    void aDatabaseWhoseOperatorDroppedTheIndexAlreadyMigratesToo() throws Exception {
        String database = databaseAtV7();
        try (Connection raw = RawPostgres.connect(database)) {
            RawSql.execute(raw, "DROP INDEX idx_loop_history_sequence");
        }

        try (PostgresStateStore store = FreshPostgresStores.openOn(database, Settings.defaults(), clock);
             Connection raw = RawPostgres.connect(database)) {
            assertThat(store.info().schemaVersion()).isEqualTo("11");
            assertThat(RawSql.text(raw, "SELECT success::text FROM flyway_schema_history WHERE version = '8'"))
                    .isEqualTo("true");
        }
    }
}
