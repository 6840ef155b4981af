package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.internal.SqlErrorTranslator;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.sql.RawSql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SQLSTATE 53100 (disk_full) is DISK_FULL, as on SQLite and json. Produced for real: the feedback table of the
 * store's database is moved to a tablespace on a 1 MiB tmpfs, so the server's own writes hit ENOSPC there while its
 * data directory and WAL keep their room. Mounting needs root; where it is refused that test is skipped and says
 * why, and the translation is still checked on a PSQLException as pgjdbc builds it from the server's message.
 */
class PostgresDiskFullTest {
    private static final String FIX = "; free space on the disk that holds the server's data directory (or the "
            + "tablespace the error names) on ";

    @TempDir
    Path dir;

    @Test
    void theServersDiskFullIsDiskFullNamingTheServerAndTheFixWithoutThePassword() {
        PostgresUrl url = PostgresUrl.parse("postgresql://app:s3cret@db.example.com:6432/state");
        PSQLException error = new PSQLException(new ServerErrorMessage("SERROR\0VERROR\0C53100\0Mcould not extend file "
                + "\"base/16384/16402\": No space left on device\0HCheck free disk space.\0"));
        PostgresErrorTranslator translator = new PostgresErrorTranslator(url, Settings.defaults());

        StatekeeperException e = translator.translate("add feedback to loop 'ab12cd34'", error);

        assertThat(e.code()).isEqualTo(ErrorCode.DISK_FULL);
        assertThat(e.getMessage()).isEqualTo("add feedback to loop 'ab12cd34' failed on PostgreSQL database 'state' at "
                + "db.example.com:6432: the server's disk is full (ERROR: could not extend file \"base/16384/16402\": "
                + "No space left on device)" + FIX + "db.example.com, or move it to a larger disk, then retry");
        assertThat(e.getMessage()).doesNotContain("s3cret");
        assertThat(translator.classify(error)).isEqualTo(SqlErrorTranslator.Failure.PERMANENT);
    }

    @Test
    void aTableOnAFullDiskIsDiskFullKeepsEveryAcknowledgedEntryAndTakesWritesOnceThereIsRoom() throws Exception {
        Path mount = dir.resolve("tiny");
        Files.createDirectories(mount);
        String refused = run("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", mount.toString());
        assumeTrue(refused == null, () -> "cannot mount a small filesystem here (needs root): " + refused);
        String database = FreshPostgresStores.migratedDatabase();
        String tablespace = "sk_tiny_" + ProcessHandle.current().pid();
        try {
            FreshPostgresStores.server().execute("postgres", "CREATE TABLESPACE " + tablespace + " LOCATION '" + mount + "'");
            fillUntilFull(database, tablespace);
        } finally {
            FreshPostgresStores.server().execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            FreshPostgresStores.server().execute("postgres", "DROP TABLESPACE IF EXISTS " + tablespace);
            run("umount", "--lazy", mount.toString());
        }
    }

    private void fillUntilFull(String database, String tablespace) throws Exception {
        try (Connection raw = RawPostgres.connect(database);
             PostgresStateStore store = FreshPostgresStores.openOn(database, Settings.defaults(), new TestClock())) {
            RawSql.execute(raw, "ALTER TABLE critic_feedback SET TABLESPACE " + tablespace);
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            SplittableRandom random = new SplittableRandom(53100);
            int appended = 0;
            StatekeeperException full = null;
            while (full == null && appended < 100) { // 1 MiB holds about 16 entries of 64 KB
                try {
                    store.addFeedback(id, entry(random));
                    appended++;
                } catch (StatekeeperException e) {
                    full = e;
                }
            }

            assertThat(full).as("an append failed").isNotNull();
            assertThat(full.code()).as(full.getMessage()).isEqualTo(ErrorCode.DISK_FULL);
            String file = "pg_tblspc/" + oid(raw, "SELECT oid FROM pg_tablespace WHERE spcname = '" + tablespace + "'")
                    + "/PG_16_[0-9]+/" + oid(raw, "SELECT oid FROM pg_database WHERE datname = current_database()")
                    + "/[0-9]+(_fsm|_vm)?";
            assertThat(full.getMessage()).matches(Pattern.quote("add feedback to loop '" + id + "' failed on PostgreSQL "
                    + "database '" + database + "' at localhost:" + FreshPostgresStores.server().port() + ": the server's "
                    + "disk is full (ERROR: could not extend file \"") + file + "\"( with FileFallocate\\(\\))?"
                    + Pattern.quote(": No space left on device)" + FIX + "localhost, or move it to a larger disk, then retry"));
            assertThat(appended).as("entries stored before the disk was full").isPositive();
            assertThat(store.getLoop(id).feedback()).as("every acknowledged entry, nothing of the failed one")
                    .hasSize(appended);

            RawSql.execute(raw, "ALTER TABLE critic_feedback SET TABLESPACE pg_default");
            assertThat(store.addFeedback(id, entry(random)).feedbackCount()).isEqualTo(appended + 1);
        }
    }

    /** An entry of 64 KB of random letters and digits, which TOAST cannot compress. */
    private static CriticFeedback entry(SplittableRandom random) {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder text = new StringBuilder(65_536);
        for (int i = 0; i < 65_536; i++) {
            text.append(letters.charAt(random.nextInt(letters.length())));
        }
        return CriticFeedback.builder().criticAgent("critic").overallScore(50).assessmentSummary(text.toString()).build();
    }

    private static long oid(Connection raw, String sql) throws Exception {
        try (Statement s = raw.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return process.waitFor() == 0 ? null : String.join(" ", command) + ": " + out;
    }
}
