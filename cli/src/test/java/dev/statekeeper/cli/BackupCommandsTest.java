package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db backup}, {@code db backups} and {@code db restore}. The runner's clock stands at 2026-01-01T00:00:00Z. */
class BackupCommandsTest {
    @TempDir
    Path dir;

    private CliRunner cli;
    private Path backups;

    @BeforeEach
    void fill() {
        cli = new CliRunner(dir.resolve("a"));
        backups = dir.resolve("a/backups");
        String loop = cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        cli.ok("loop", "feedback", loop, "--critic", "c", "--score", "72", "--summary", "Solid");
        cli.ok("session", "start", "s1");
    }

    @Test
    void aBackupIsNamedByItsUtcTimeAndOldOnesArePrunedBeyondKeep() throws Exception {
        String first = cli.ok("db", "backup");
        cli.ok("db", "backup");
        String third = cli.ok("db", "backup", "--keep", "2");

        assertThat(first).startsWith("backed up 3 records (1 loop with 1 feedback, 1 active-loop entry, 1 session) and 3 events of "
                + "sqlite store " + dir.resolve("a/state.db") + " to " + backups.resolve("20260101T000000Z") + " (")
                .endsWith(" B)\n");
        assertThat(third).endsWith("removed 1 older backup (keeping the newest 2): 20260101T000000Z\n");
        assertThat(Files.list(backups.resolve("20260101T000000Z-3")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("export.jsonl.gz", "manifest.json");
        JsonNode manifest = Json.mapper().readTree(backups.resolve("20260101T000000Z-3/manifest.json").toFile());
        assertThat(manifest.get("format").asText()).isEqualTo("statekeeper-backup");
        assertThat(manifest.get("backend").asText()).isEqualTo("sqlite");
        assertThat(manifest.get("createdAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(manifest.get("counts").get("loops").asLong()).isEqualTo(1);
        assertThat(manifest.get("counts").get("events").asLong()).isEqualTo(3);
        assertThat(manifest.get("sha256").asText()).hasSize(64);
        assertThat(manifest.get("statekeeperVersion").asText()).isNotBlank();

        String list = cli.ok("db", "backups");
        assertThat(list).startsWith("NAME                CREATED               BACKEND  RECORDS  SIZE\n"
                + "20260101T000000Z-3  2026-01-01T00:00:00Z  sqlite   3        ")
                .contains("\n20260101T000000Z-2  2026-01-01T00:00:00Z  sqlite   3        ")
                .endsWith("\n2 backups in " + backups + "\n");
        JsonNode json = Json.mapper().readTree(cli.ok("db", "backups", "--json"));
        assertThat(json.get("backups")).hasSize(2);
        assertThat(json.get("backups").get(0).get("name").asText()).isEqualTo("20260101T000000Z-3");
        assertThat(cli.run("db", "backup", "--keep", "0").exitCode()).isEqualTo(2);
        assertThat(new CliRunner(dir.resolve("empty")).ok("db", "backups"))
                .isEqualTo("no backups in " + dir.resolve("empty/backups") + " (make one with 'statekeeper db backup')\n");
    }

    @Test
    void restoreReplacesTheRecordsAfterBackingUpTheOnesTheStoreHeld() {
        cli.ok("db", "backup", "-o", dir.resolve("saved").toString());
        String export = cli.ok("db", "export");
        cli.ok("session", "start", "later");

        String out = cli.ok("db", "restore", "20260101T000000Z", "--dir", dir.resolve("saved").toString());

        assertThat(out).isEqualTo("restored backup 20260101T000000Z: 3 records (1 loop with 1 feedback, 1 active-loop "
                + "entry, 1 session) and 3 events into sqlite store " + dir.resolve("a/state.db") + "; the records it held were backed up "
                + "first to " + dir.resolve("saved/pre-restore-20260101T000000Z") + "\n");
        assertThat(cli.ok("db", "export")).isEqualTo(export);
        assertThat(cli.ok("db", "backups", "--dir", dir.resolve("saved").toString()))
                .contains("\npre-restore-20260101T000000Z  2026-01-01T00:00:00Z  sqlite   4  ");
    }

    @Test
    void restoreIntoAnotherStoreLeavesTheCurrentOneAlone() {
        cli.ok("db", "backup");
        cli.ok("session", "start", "later");
        String current = cli.ok("db", "export");
        Path target = dir.resolve("j");

        String out = cli.ok("db", "restore", backups.resolve("20260101T000000Z").toString(), "--to", "json:" + target);

        assertThat(out).isEqualTo("restored backup 20260101T000000Z: 3 records (1 loop with 1 feedback, 1 active-loop "
                + "entry, 1 session) and 3 events into json store " + target.resolve("state.json") + "\n");
        assertThat(cli.ok("db", "export")).isEqualTo(current);
        assertThat(new CliRunner(target).env("STATEKEEPER_BACKEND", "json").ok("session", "list")).doesNotContain("later");
    }

    /**
     * Backups whose manifest agrees with their export (so the checksum passes) but whose export is truncated, holds a
     * record that breaks the rules, or holds other records than the manifest counts: each restore is refused and
     * writes nothing; then retention keeps the backup the store was restored from.
     */
    @Test
    void aRefusedRestoreWritesNothingAndRetentionKeepsTheBackupRestoredFrom() throws Exception {
        cli.ok("db", "backup");
        String export = cli.ok("db", "export");
        cli.ok("session", "start", "later");
        String twoSessions = cli.ok("db", "export");
        cli.ok("db", "restore", "20260101T000000Z");
        Path good = backups.resolve("20260101T000000Z");
        Path cut = forge("20250101T000000Z", export.substring(0, export.indexOf("{\"trailer\"")), good);
        Path bad = forge("20250101T000000Z-2", ArchiveCommandsTest.rehash(export.replace("\"name\":\"s1\"",
                "\"name\":\"-s1\"")), good);
        Path other = forge("20250101T000000Z-3", twoSessions, good);
        List<String> before = names(backups);

        CliRunner.Result truncated = cli.run("db", "restore", cut.getFileName().toString());
        CliRunner.Result invalid = cli.run("db", "restore", bad.getFileName().toString());
        CliRunner.Result miscounted = cli.run("db", "restore", other.getFileName().toString());

        assertThat(truncated.exitCode()).isEqualTo(6);
        assertThat(truncated.err()).isEqualTo("statekeeper: export file '" + cut.resolve("export.jsonl.gz")
                + "' is truncated: it ends after line 8 without its trailer line\n"
                + "  fix: run 'statekeeper db verify'; restore a backup if it cannot be repaired\n");
        assertThat(invalid.exitCode()).isEqualTo(4);
        assertThat(invalid.err()).startsWith("statekeeper: invalid export file '" + bad.resolve("export.jsonl.gz")
                + "' (1 problem, nothing was imported): line 4: name = '-s1': must start with a letter or digit");
        assertThat(miscounted.exitCode()).isEqualTo(6);
        assertThat(miscounted.err()).isEqualTo("statekeeper: backup '20250101T000000Z-3' is damaged: its export holds "
                + "{loops=1, feedback=1, objectives=0, specs=0, specRevisions=0, specLinks=0, activeLoops=1, roadmaps=0, "
                + "plans=0, sessions=2, events=4} but its manifest says {loops=1, feedback=1, objectives=0, specs=0, "
                + "specRevisions=0, specLinks=0, activeLoops=1, roadmaps=0, plans=0, sessions=1, events=3}; nothing was "
                + "restored "
                + "(restore another backup: 'statekeeper db backups' lists them)\n"
                + "  fix: run 'statekeeper db verify'; restore a backup if it cannot be repaired\n");
        assertThat(names(backups)).isEqualTo(before);
        assertThat(cli.ok("db", "export")).isEqualTo(export);

        String kept = cli.ok("db", "backup", "--keep", "1");

        assertThat(kept).endsWith("\nremoved 3 older backups (keeping the newest 1): 20250101T000000Z-3, "
                + "20250101T000000Z-2, 20250101T000000Z\nkept 20260101T000000Z beyond the newest 1: the last restore "
                + "was made from it\n");
        assertThat(names(backups)).containsExactly("20260101T000000Z", "20260101T000000Z-2",
                "pre-restore-20260101T000000Z");
        assertThat(Files.readString(good.resolve("restored"))).isEqualTo("2026-01-01T00:00:00Z into sqlite store "
                + dir.resolve("a/state.db") + "\n");
    }

    @Test
    void backupRefusesADirectoryThatIsAFileAndLeavesItAsItIs() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");

        CliRunner.Result result = cli.run("db", "backup", "-o", file.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("statekeeper: cannot write backups into '" + file + "': it is a regular file, "
                + "not a directory, and is left as it is; name a new or existing directory\n"
                + "  fix: see 'statekeeper help' or add --help to the command\n");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    /** A backup NAME with {@code export} (gzip-compressed) and the manifest of {@code from}, made to agree with it. */
    private Path forge(String name, String export, Path from) throws Exception {
        Path forged = Files.createDirectories(backups.resolve(name));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(export.getBytes(StandardCharsets.US_ASCII));
        }
        byte[] gz = bytes.toByteArray();
        Files.write(forged.resolve("export.jsonl.gz"), gz);
        ObjectNode manifest = (ObjectNode) Json.mapper().readTree(from.resolve("manifest.json").toFile());
        manifest.put("name", name).put("createdAt", "2025-01-01T00:00:00Z").put("bytes", gz.length)
                .put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(gz)));
        Files.writeString(forged.resolve("manifest.json"), Json.pretty(manifest));
        return forged;
    }

    private static List<String> names(Path directory) throws Exception {
        try (var entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aDamagedBackupIsRefusedWithExitSixBeforeAnythingIsRestored() throws Exception {
        cli.ok("db", "backup");
        cli.ok("session", "start", "later");
        String before = cli.ok("db", "export");
        Path file = backups.resolve("20260101T000000Z/export.jsonl.gz");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(file, bytes);
        String manifestSha = Json.mapper().readTree(backups.resolve("20260101T000000Z/manifest.json").toFile())
                .get("sha256").asText();

        CliRunner.Result result = cli.run("db", "restore", "20260101T000000Z");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).matches("statekeeper: backup '20260101T000000Z' is damaged: the SHA-256 of "
                + "export.jsonl.gz is [0-9a-f]{64} but its manifest says " + manifestSha + "; nothing was restored "
                + "\\(restore another backup: 'statekeeper db backups' lists them\\)\n"
                + "  fix: run 'statekeeper db verify'; restore a backup if it cannot be repaired\n");
        assertThat(cli.ok("db", "export")).isEqualTo(before);
        CliRunner.Result missing = cli.run("db", "restore", "19990101T000000Z");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).isEqualTo("statekeeper: no backup '19990101T000000Z' in '" + backups + "'\n"
                + "  fix: list the backups with 'statekeeper db backups' (or pass --dir, or the backup's path)\n");
    }
}
