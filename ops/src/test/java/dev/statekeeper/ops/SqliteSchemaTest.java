package dev.statekeeper.ops;

import dev.statekeeper.core.config.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema version PRAGMA user_version claims, and applied migrations changed after they ran. */
class SqliteSchemaTest {
    @TempDir
    Path dir;

    private Settings settings;
    private Path file;

    @BeforeEach
    void fill() {
        settings = StoreFixture.settings("sqlite", dir);
        StoreFixture.fill(settings, 2, 1);
        file = dir.resolve("state.db");
    }

    @Test
    void aSchemaBehindIsAWarningAndOneAheadAnError() throws Exception {
        StoreFixture.sql(file, "PRAGMA user_version = 1");
        VerifyReport behind = Ops.verify(settings, StoreFixture.CLOCK);
        assertThat(behind.clean()).isTrue();
        assertThat(behind.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.where()).isEqualTo(file.toString());
            assertThat(f.what()).matches("schema version 1 is behind this build's [2-9]");
            assertThat(f.fix()).isEqualTo("the pending migrations are applied when the store next opens "
                    + "('statekeeper init'), unless STATEKEEPER_AUTO_MIGRATE=false");
        });

        StoreFixture.sql(file, "PRAGMA user_version = 99");
        assertThat(Ops.verify(settings, StoreFixture.CLOCK).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.what()).matches("schema version 99 is newer than this build's [2-9]");
            assertThat(f.fix()).isEqualTo("use a newer statekeeper (this one does not know the newer migrations)");
        });
    }

    @Test
    void anAppliedMigrationWhoseChecksumChangedIsDrift() throws Exception {
        StoreFixture.sql(file, "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");

        VerifyReport report = Ops.verify(settings, StoreFixture.CLOCK);

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.SCHEMA);
            assertThat(f.what()).startsWith("migration V1: Migration checksum mismatch for migration version 1")
                    .contains("Applied to database : 12345");
            assertThat(f.fix()).startsWith("never edit an applied migration: restore this build's file, or the "
                    + "database from a backup; ");
        });
    }

    @Test
    void aMissingFileAndAFileWithoutTheSchemaSaySo() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        Settings elsewhere = StoreFixture.settings("sqlite", other);
        assertThat(Ops.verify(elsewhere, StoreFixture.CLOCK).findings()).containsExactly(Finding.error(Check.FILE,
                other.resolve("state.db").toString(), "the sqlite database does not exist",
                "create it with 'statekeeper init', or put a backup in its place"));
        assertThat(other.resolve("state.db")).doesNotExist();

        Files.createFile(other.resolve("state.db"));
        assertThat(Ops.verify(elsewhere, StoreFixture.CLOCK).findings()).containsExactly(Finding.error(Check.SCHEMA,
                other.resolve("state.db").toString(), "the file has no Statekeeper tables (schema version 0)",
                "create them with 'statekeeper init'"));
    }
}
