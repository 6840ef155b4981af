package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.testkit.sql.RawSql;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.Together;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flyway on PostgreSQL: applied on open, once under concurrent starts, refused over drift, off on request. */
class PostgresMigrationTest {
    private final TestClock clock = new TestClock();

    @Test
    void twoStoresOpeningAnEmptyDatabaseAtOnceApplyEachMigrationOnce() throws Exception {
        String database = FreshPostgresStores.server().createDatabase();
        Settings settings = FreshPostgresStores.settingsFor(database, Settings.defaults());
        List<PostgresStateStore> opened = Together.run(2, w -> PostgresStateStore.open(settings, clock));
        try (PostgresStateStore first = opened.get(0); PostgresStateStore second = opened.get(1);
             Connection raw = RawPostgres.connect(database)) {
            first.createLoop(NewLoop.of("demo", LoopType.SPEC));

            assertThat(second.listLoops(dev.statekeeper.core.domain.LoopQuery.all()).total()).isEqualTo(1);
            assertThat(RawSql.text(raw, "SELECT string_agg(version, ',' ORDER BY installed_rank) "
                    + "FROM flyway_schema_history WHERE success AND version IS NOT NULL")).isEqualTo("1,2,3,4,5,6,7,8,9,10,11");
        }
    }

    @Test
    void anAppliedMigrationWhoseChecksumChangedIsDrift() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        try (Connection raw = RawPostgres.connect(database)) {
            RawSql.execute(raw, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
        }

        assertThatThrownBy(() -> FreshPostgresStores.openOn(database, Settings.defaults(), clock))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_DRIFT))
                .hasMessageStartingWith("PostgreSQL database '" + database + "' at localhost:"
                        + FreshPostgresStores.server().port() + " has applied migrations that differ from this build's: ")
                .hasMessageContaining("checksum mismatch for migration version 1")
                .hasMessageEndingWith("Never edit an applied migration; restore the original file or repair the history");
    }

    @Test
    void withoutAutoMigrateAnEmptyDatabaseIsRefusedAndLeftAlone() throws Exception {
        String database = FreshPostgresStores.server().createDatabase();
        Settings settings = Settings.builder().set(Setting.AUTO_MIGRATE, "false").build();

        assertThatThrownBy(() -> FreshPostgresStores.openOn(database, settings, clock))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_DRIFT))
                .hasMessage("PostgreSQL database '" + database + "' at localhost:" + FreshPostgresStores.server().port()
                        + " is at schema version 0 but this build needs 11; run 'statekeeper db migrate' or set "
                        + "STATEKEEPER_AUTO_MIGRATE=true");
        try (Connection raw = RawPostgres.connect(database)) {
            assertThat(RawSql.text(raw, "SELECT to_regclass('loop_states')::text")).isNull();
        }
    }

    @Test
    void withoutAutoMigrateACurrentDatabaseOpens() {
        String database = FreshPostgresStores.migratedDatabase();

        try (PostgresStateStore store = FreshPostgresStores.openOn(database,
                Settings.builder().set(Setting.AUTO_MIGRATE, "false").build(), clock)) {
            assertThat(store.info().schemaVersion()).isEqualTo("11");
        }
    }
}
