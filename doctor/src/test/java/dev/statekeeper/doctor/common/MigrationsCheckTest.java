package dev.statekeeper.doctor.common;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.doctor.Stores;
import dev.statekeeper.testkit.TestClock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code migrations} on SQLite files an older build left, or whose history was changed. */
class MigrationsCheckTest {
    private static final String SCRIPTS = "classpath:db/migration/sqlite";
    private final TestClock clock = TestClock.frozen();

    @TempDir
    Path dir;

    private CheckResult migrations(Settings settings) {
        return Doctor.run(settings, clock, Selection.of(List.of("migrations"))).check("migrations").orElseThrow();
    }

    @Test
    void aPendingMigrationIsP3WhenTheStoreAppliesItOnOpenAndP0WhenItRefusesToOpen() {
        MigrationInfo newest = behindByOne(dir.resolve("state.db"));
        String name = "V" + newest.getVersion() + " " + newest.getDescription();

        CheckResult auto = migrations(Stores.settings("sqlite", dir));
        CheckResult refused = migrations(Stores.with(Stores.settings("sqlite", dir), Setting.AUTO_MIGRATE, "false"));

        assertThat(auto.severity()).isEqualTo(Severity.P3);
        assertThat(auto.message()).isEqualTo("1 migration(s) pending (" + name + "): applied when the store next opens");
        assertThat(auto.evidence()).containsEntry("pending", List.of(name))
                .containsEntry("latest", newest.getVersion().getVersion());
        assertThat(auto.fix().action()).isEqualTo("statekeeper db migrate");
        assertThat(refused.severity()).isEqualTo(Severity.P0);
        assertThat(refused.message()).isEqualTo("1 migration(s) pending (" + name + ") and STATEKEEPER_AUTO_MIGRATE=false: "
                + "the store refuses to open until 'statekeeper db migrate'");
    }

    @Test
    void anAppliedMigrationWhoseChecksumChangedIsP1Drift() throws Exception {
        Settings settings = Stores.settings("sqlite", dir);
        Stores.init(settings, clock);
        Stores.sql(dir.resolve("state.db"), "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");

        CheckResult result = migrations(settings);

        assertThat(result.severity()).isEqualTo(Severity.P1);
        assertThat(result.message()).startsWith("the schema differs from this build's migrations: V1 initial schema: "
                + "checksum-mismatch (database ");
        assertThat(result.runbook()).startsWith("'statekeeper db migrate status' shows each migration; the applied "
                + "migration differs from this build's file");
    }

    @Test
    void aCurrentSchemaIsOkAndBackendsWithoutMigrationsSkipIt() {
        Settings sqlite = Stores.settings("sqlite", dir);
        Stores.init(sqlite, clock);
        Settings json = Stores.settings("json", dir.resolve("json"));
        Stores.init(json, clock);

        assertThat(migrations(sqlite).status()).isEqualTo(CheckStatus.OK);
        assertThat(migrations(json).skipReason()).isEqualTo("the json backend has no schema migrations");
    }

    /** The file with this build's migrations applied up to the one before the newest, as an older build left it. */
    private static MigrationInfo behindByOne(Path file) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        MigrationInfo newest = Arrays.stream(flyway(source, null).info().all())
                .max(Comparator.comparing(MigrationInfo::getVersion)).orElseThrow();
        flyway(source, String.valueOf(Integer.parseInt(newest.getVersion().getVersion()) - 1)).migrate();
        return newest;
    }

    private static Flyway flyway(SQLiteDataSource source, String target) {
        var config = Flyway.configure().dataSource(source).locations(SCRIPTS);
        return (target == null ? config : config.target(MigrationVersion.fromVersion(target))).load();
    }
}
