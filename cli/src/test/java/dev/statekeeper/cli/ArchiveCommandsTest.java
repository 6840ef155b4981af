package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db export} and {@code db import}: the format on stdout and in files, checks, modes and exit codes. */
class ArchiveCommandsTest {
    @TempDir
    Path dir;

    private CliRunner cli;
    private String loop;

    @BeforeEach
    void fill() {
        cli = new CliRunner(dir.resolve("a"));
        loop = cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        cli.ok("loop", "feedback", loop, "--critic", "c", "--score", "72", "--summary", "Solid ✓");
        cli.runWithInput("{\"title\": \"User Auth\", \"objectives\": \"Log users in\"}", "spec", "put", "--project", "demo",
                "--file", "-");
        cli.ok("session", "start", "s1", "--repo-name", "web");
    }

    @Test
    void exportWritesTheFormatToStdoutAndTheSameBytesToAFile() throws Exception {
        String stdout = cli.ok("db", "export");
        Path file = dir.resolve("out/export.jsonl");

        String said = cli.ok("db", "export", "-o", file.toString());

        assertThat(stdout).startsWith("{\"format\":\"statekeeper-export\",\"version\":2}\n{\"kind\":\"loop\",\"id\":\"" + loop + "\"")
                .contains("\"assessmentSummary\":\"Solid \\u2713\"")
                .containsPattern("\n\\{\"trailer\":\"statekeeper-export\",\"counts\":\\{\"loop\":1,\"objective\":0,\"spec\":1,"
                        + "\"specLink\":0,\"activeLoop\":1,\"roadmap\":0,\"plan\":0,\"session\":1,\"event\":4,\"eventSequence\":1},"
                        + "\"sha256\":\"[0-9a-f]{64}\"}\n$")
                .containsPattern("\n\\{\"kind\":\"event\",\"sequence\":1,\"time\":\"2026-01-01T00:00:00Z\",\"operation\":\"loop.created\","
                        + "\"entityId\":\"" + loop + "\",\"project\":\"demo\",\"version\":1,\"actor\":[^,]+,\"via\":\"cli\","
                        + "\"requestId\":null,\"requestKey\":null,\"summary\":\\{\"status\":\"initialized\",\"type\":\"spec\"}}\n")
                .contains("\n{\"kind\":\"eventSequence\",\"lastSequence\":4}\n");
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(stdout);
        assertThat(said).isEqualTo("exported 4 records (1 loop with 1 feedback, 1 spec with 1 revision, 1 active-loop "
                + "entry, 1 session) and 4 events from sqlite store " + dir.resolve("a/state.db") + " to " + file + "\n");
        assertThat(Files.list(file.getParent())).containsExactly(file);
        JsonNode json = Json.mapper().readTree(cli.ok("db", "export", "-o", file.toString(), "--json"));
        assertThat(json.get("records").asLong()).isEqualTo(4);
        assertThat(json.get("counts").get("feedback").asLong()).isEqualTo(1);
        assertThat(json.get("events").asLong()).isEqualTo(4);
    }

    @Test
    void importIntoAnotherStoreThenExportIsByteIdenticalFromAFileAGzipFileOrStdin() throws Exception {
        String export = cli.ok("db", "export");
        Path file = dir.resolve("x.jsonl");
        Files.writeString(file, export);
        cli.ok("db", "export", "-o", dir.resolve("x.jsonl.gz").toString());

        CliRunner b = new CliRunner(dir.resolve("b"));
        assertThat(b.ok("db", "import", file.toString())).isEqualTo("imported 4 records (1 loop with 1 feedback, 1 spec "
                + "with 1 revision, 1 active-loop entry, 1 session) and 4 events into sqlite store " + dir.resolve("b/state.db")
                + " (replace)\n");
        CliRunner c = new CliRunner(dir.resolve("c"));
        c.ok("db", "import", dir.resolve("x.jsonl.gz").toString());
        CliRunner d = new CliRunner(dir.resolve("d"));
        assertThat(d.runWithInput(export, "db", "import", "-").exitCode()).isZero();

        assertThat(b.ok("db", "export")).isEqualTo(export);
        assertThat(c.ok("db", "export")).isEqualTo(export);
        assertThat(d.ok("db", "export")).isEqualTo(export);
        assertThat(b.ok("loop", "get", loop)).isEqualTo(cli.ok("loop", "get", loop));
    }

    @Test
    void aStoreThatHoldsRecordsNeedsAModeAndMergeSkipsWhatIsIdentical() throws Exception {
        Path file = dir.resolve("x.jsonl");
        Files.writeString(file, cli.ok("db", "export"));

        CliRunner.Result refused = cli.run("db", "import", file.toString());
        String merged = cli.ok("db", "import", file.toString(), "--mode", "merge");
        String replaced = cli.ok("db", "import", file.toString(), "--mode", "REPLACE", "--json");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("statekeeper: the sqlite store " + dir.resolve("a/state.db") + " is not empty: "
                + "it holds 3 records (1 loop with 1 feedback, 1 spec with 1 revision, 1 session); add --mode replace to "
                + "replace its records, or --mode merge to add to them\n  fix: see 'statekeeper db import --help'\n");
        assertThat(merged).isEqualTo("imported 0 records into sqlite store " + dir.resolve("a/state.db") + " (merge); "
                + "skipped 4 records the store had identical; 4 events not imported: the target keeps its own history\n");
        assertThat(Json.mapper().readTree(replaced).get("mode").asText()).isEqualTo("replace");
        assertThat(cli.run("db", "import", file.toString(), "--mode", "upsert").err())
                .startsWith("statekeeper: Invalid value for option '--mode': 'upsert' must be replace or merge\n");
    }

    @Test
    void everyBadRecordIsReportedWithExitFourAndNothingIsImported() throws Exception {
        String export = cli.ok("db", "export");
        String bad = export.replace("\"currentScore\":72", "\"currentScore\":172")
                .replace("\"name\":\"s1\"", "\"name\":\"-s1\"");
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, rehash(bad));
        CliRunner b = new CliRunner(dir.resolve("b"));

        CliRunner.Result result = b.run("db", "import", file.toString());
        CliRunner.Result json = b.run("db", "import", file.toString(), "--json");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("statekeeper: invalid export file '" + file + "' (3 problems, nothing was "
                + "imported): line 2: currentScore = 172: must be between 0 and 100; line 2: currentScore = 172: must be "
                + "the overallScore of the last feedback (72); line 5: name = '-s1': must start with a letter or digit and "
                + "use only letters, digits and . _ # : / @ + -\n  fix: correct the named fields and retry\n");
        JsonNode error = Json.mapper().readTree(json.err()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("validation-failed");
        assertThat(error.get("violations")).hasSize(3);
        assertThat(error.get("violations").get(2).get("field").asText()).isEqualTo("line 5: name");
        assertThat(b.ok("db", "status")).contains("  loops          0\n");
    }

    @Test
    void aDamagedOrTruncatedExportExitsWithSix() throws Exception {
        String export = cli.ok("db", "export");
        Path changed = dir.resolve("changed.jsonl");
        Files.writeString(changed, export.replace("web", "WEB"));
        Path cut = dir.resolve("cut.jsonl");
        Files.writeString(cut, export.substring(0, export.indexOf("{\"trailer\"")));
        CliRunner b = new CliRunner(dir.resolve("b"));

        CliRunner.Result damaged = b.run("db", "import", changed.toString());
        CliRunner.Result truncated = b.run("db", "import", cut.toString());

        assertThat(damaged.exitCode()).isEqualTo(6);
        assertThat(damaged.err()).startsWith("statekeeper: export file '" + changed + "' is damaged: the SHA-256 of its "
                + "records is ").contains("(the file was changed after it was written)\n");
        assertThat(truncated.exitCode()).isEqualTo(6);
        assertThat(truncated.err()).startsWith("statekeeper: export file '" + cut + "' is truncated: it ends after line 10 "
                + "without its trailer line\n");
        assertThat(b.run("db", "import", dir.resolve("nope.jsonl").toString()).err())
                .startsWith("statekeeper: cannot read export file '" + dir.resolve("nope.jsonl") + "': no such file\n");
    }

    @Test
    void exportRefusesToReplaceALinkAFifoOrADirectoryAndLeavesThemAsTheyAre() throws Exception {
        Path target = Files.writeString(dir.resolve("real.jsonl"), "mine");
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), target);
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path directory = Files.createDirectories(dir.resolve("out"));

        CliRunner.Result toLink = cli.run("db", "export", "-o", link.toString());
        CliRunner.Result toFifo = cli.run("db", "export", "-o", fifo.toString());
        CliRunner.Result toDirectory = cli.run("db", "export", "-o", directory.toString());

        String usage = "\n  fix: see 'statekeeper help' or add --help to the command\n";
        assertThat(toLink.exitCode()).isEqualTo(2);
        assertThat(toLink.err()).isEqualTo("statekeeper: cannot write the export to '" + link + "': it is a symbolic "
                + "link (to '" + target + "'), not a regular file, and is left as it is; name a new file or a regular "
                + "one (which is replaced), such as the link's target" + usage);
        assertThat(toFifo.exitCode()).isEqualTo(2);
        assertThat(toFifo.err()).isEqualTo("statekeeper: cannot write the export to '" + fifo + "': it is a FIFO (named "
                + "pipe), not a regular file, and is left as it is; name a new file or a regular one (which is replaced)"
                + usage);
        assertThat(toDirectory.exitCode()).isEqualTo(2);
        assertThat(toDirectory.err()).isEqualTo("statekeeper: cannot write the export to '" + directory + "': it is a "
                + "directory, not a regular file, and is left as it is; name a new file or a regular one (which is "
                + "replaced)" + usage);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("mine");
        assertThat((Integer) Files.getAttribute(fifo, "unix:mode") & 0170000).isEqualTo(0010000);
        assertThat(directory).isEmptyDirectory();
        cli.ok("db", "export", "-o", target.toString());
        assertThat(Files.readString(target)).isEqualTo(cli.ok("db", "export"));
    }

    @Test
    void importReplacingTheRecordsOfAStoreBacksThemUpFirstAndSaysWhere() throws Exception {
        String held = cli.ok("db", "export");
        CliRunner b = new CliRunner(dir.resolve("b"));
        b.ok("session", "start", "other");
        Path file = Files.writeString(dir.resolve("other.jsonl"), b.ok("db", "export"));

        String out = cli.ok("db", "import", file.toString(), "--mode", "replace");
        JsonNode json = Json.mapper().readTree(cli.ok("db", "import", file.toString(), "--mode", "replace", "--json"));

        Path backup = dir.resolve("a/backups/pre-import-20260101T000000Z");
        assertThat(out).isEqualTo("imported 1 record (1 session) and 1 event into sqlite store " + dir.resolve("a/state.db")
                + " (replace); the records it held were backed up first to " + backup + "\n");
        assertThat(json.get("previousRecordsBackup").asText()).isEqualTo(backup + "-2");
        cli.ok("db", "restore", "pre-import-20260101T000000Z");
        assertThat(cli.ok("db", "export")).isEqualTo(held);
        assertThat(Json.mapper().readTree(b.ok("db", "import", file.toString(), "--mode", "merge", "--json"))
                .get("previousRecordsBackup").isNull()).isTrue();
    }

    @Test
    void badEventLinesAreReportedWithExitFourAndNothingIsImported() throws Exception {
        String export = cli.ok("db", "export");
        String bad = export.replaceFirst("\"operation\":\"loop.created\"", "\"operation\":\"loop.\\\\u001bexploded\"")
                .replace("\"sequence\":2,", "\"sequence\":1,")
                .replace("\"lastSequence\":4}", "\"lastSequence\":\"four\"}");
        Path file = Files.writeString(dir.resolve("bad-events.jsonl"), rehash(bad));
        String events = cli.ok("events", "--json");

        CliRunner.Result result = cli.run("db", "import", file.toString(), "--mode", "replace");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("statekeeper: invalid export file '" + file + "' (3 problems, nothing was "
                + "imported): line 6: operation = 'loop.?exploded': must be one of loop.created, loop.feedback_added, "
                + "loop.decided, loop.objective_stored, loop.linked, loop.unlinked, loop.deleted, spec.created, "
                + "spec.updated, spec.deleted, roadmap.stored, plan.stored, plan.deleted, session.started, "
                + "session.ended, session.deleted; line 7: sequence = 1: event 1 appears twice (first on line 6); "
                + "line 10: lastSequence = 'four': must be a whole number\n  fix: correct the named fields and retry\n");
        assertThat(cli.ok("db", "export")).isEqualTo(export);
        assertThat(cli.ok("events", "--json")).isEqualTo(events);
        assertThat(Files.list(dir.resolve("a")).map(p -> p.getFileName().toString())).doesNotContain("backups");
    }

    @Test
    void theHistoryTravelsWithAnImportAndNumbersGoOnAfterIt() throws Exception {
        Path file = Files.writeString(dir.resolve("x.jsonl"), cli.ok("db", "export"));
        CliRunner b = new CliRunner(dir.resolve("b"));

        b.ok("db", "import", file.toString());

        assertThat(b.ok("events", "--json")).isEqualTo(cli.ok("events", "--json"));
        b.ok("session", "start", "after");
        JsonNode events = Json.mapper().readTree(b.ok("events", "--json"));
        assertThat(events.get("lastSequence").asLong()).isEqualTo(5);
        assertThat(events.get("items").get(4).get("operation").asText()).isEqualTo("session.started");
    }

    @Test
    void aMergeIntoAStoreWithItsOwnHistorySaysHowManyEventsItLeftOut() throws Exception {
        CliRunner b = new CliRunner(dir.resolve("b"));
        b.ok("session", "start", "other");
        Path file = Files.writeString(dir.resolve("other.jsonl"), b.ok("db", "export"));
        String before = cli.ok("events", "--json");

        JsonNode merged = Json.mapper().readTree(cli.ok("db", "import", file.toString(), "--mode", "merge", "--json"));

        assertThat(merged.get("records").asLong()).isEqualTo(1);
        assertThat(merged.get("events").asLong()).isZero();
        assertThat(merged.get("eventsNotImported").asLong()).isEqualTo(1);
        assertThat(cli.ok("events", "--json")).isEqualTo(before);
        assertThat(cli.ok("db", "import", "--help").replaceAll("\\s+", " ")).contains("the store keeps it and the export's events are not imported")
                .contains("Request keys are never exported nor imported");
        assertThat(cli.ok("db", "export", "--help").replaceAll("\\s+", " ")).contains("Request keys (a server's memory of the retries it")
                .contains("(the history as 'event' and 'eventSequence' records, last)");
    }

    @Test
    void aVersion1ExportStillImportsWithoutHistory() throws Exception {
        Path v1 = dir.resolve("export-v1.jsonl");
        try (var in = ArchiveCommandsTest.class.getResourceAsStream("/archive/export-v1.jsonl")) {
            Files.copy(in, v1);
        }
        CliRunner b = new CliRunner(dir.resolve("b"));

        assertThat(b.ok("db", "import", v1.toString())).isEqualTo("imported 3 records (1 loop with 1 feedback, 1 "
                + "active-loop entry, 1 session) into sqlite store " + dir.resolve("b/state.db") + " (replace)\n");
        assertThat(b.ok("events")).isEqualTo("no events yet\n");
        assertThat(b.ok("loop", "get", "old00001", "--json")).contains("\"currentScore\" : 80");
        b.ok("session", "start", "after");
        assertThat(Json.mapper().readTree(b.ok("events", "--json")).get("lastSequence").asLong()).isEqualTo(1);
        assertThat(b.ok("db", "export")).startsWith("{\"format\":\"statekeeper-export\",\"version\":2}\n");
        assertThat(cli.ok("db", "import", v1.toString(), "--mode", "merge")).isEqualTo("imported 3 records (1 loop "
                + "with 1 feedback, 1 active-loop entry, 1 session) into sqlite store " + dir.resolve("a/state.db")
                + " (merge)\n");
        assertThat(Json.mapper().readTree(cli.ok("events", "--json")).get("lastSequence").asLong()).isEqualTo(4);
    }

    @Test
    void anExportOfANewerFormatVersionIsRefusedWithExitSix() throws Exception {
        Path newer = Files.writeString(dir.resolve("v3.jsonl"), cli.ok("db", "export")
                .replaceFirst("\"version\":2", "\"version\":3"));

        CliRunner.Result refused = new CliRunner(dir.resolve("b")).run("db", "import", newer.toString());

        assertThat(refused.exitCode()).isEqualTo(6);
        assertThat(refused.err()).startsWith("statekeeper: export file '" + newer + "' is format version 3, written by a "
                + "newer statekeeper; this one reads version 2\n");
    }

    /** The export with its trailer's checksum computed again, as a hand edit that knows the format would. */
    static String rehash(String export) throws Exception {
        String[] lines = export.split("\n");
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        for (int i = 1; i < lines.length - 1; i++) {
            sha.update((lines[i] + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String hex = java.util.HexFormat.of().formatHex(sha.digest());
        lines[lines.length - 1] = lines[lines.length - 1].replaceAll("\"sha256\":\"[0-9a-f]+\"", "\"sha256\":\"" + hex + "\"");
        return String.join("\n", lines) + "\n";
    }
}
