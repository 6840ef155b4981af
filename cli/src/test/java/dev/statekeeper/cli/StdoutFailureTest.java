package dev.statekeeper.cli;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.testkit.Archives;
import dev.statekeeper.testkit.Fixtures;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command prints to stdout that stdout cannot take: real processes of the CLI with stdout on /dev/full, on a
 * file under a file size limit, and on a pipe whose reader goes away (and, to compare, an export to {@code -o FILE}
 * under the same limit). A cut-off output is never a success: exit 5
 * with the reason, or (a closed pipe, which {@code head} closes on purpose) exit 5 with nothing on stderr.
 */
class StdoutFailureTest {
    private static final String FIX = "  fix: make room where the output goes (free space, raise 'ulimit -f') and run "
            + "the command again\n";
    private static final int LOOPS = 600;

    /** One SQLite store for the tests that only read it. */
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void fillShared() {
        fill(shared, "sqlite");
    }

    @Test
    void anExportToAFullDiskExitsFiveSayingSo() throws Exception {
        Process export = start(shared, "sqlite", List.of(), "db", "export").redirectOutput(new File("/dev/full")).start();

        assertThat(exitCode(export)).isEqualTo(5);
        assertThat(stderr()).isEqualTo("statekeeper: cannot write to stdout: No space left on device; what was printed "
                + "is incomplete\n" + FIX);
    }

    @Test
    void aShortListingToAFullDiskExitsFiveToo() throws Exception {
        Process list = start(shared, "sqlite", List.of(), "loop", "list", "--limit", "1")
                .redirectOutput(new File("/dev/full")).start();

        assertThat(exitCode(list)).isEqualTo(5);
        assertThat(stderr()).isEqualTo("statekeeper: cannot write to stdout: No space left on device; what was printed "
                + "is incomplete\n" + FIX);
    }

    /** json: a SQLite driver would first extract its native library, which the file size limit forbids too. */
    @Test
    void anExportBeyondTheFileSizeLimitExitsFiveAndTheFileIsCutOff() throws Exception {
        fill(dir, "json");
        Path file = dir.resolve("export.jsonl");
        Process export = start(dir, "json", List.of("sh", "-c", "trap '' XFSZ; ulimit -f 64; exec \"$@\"", "sh"),
                "db", "export").redirectOutput(file.toFile()).start();

        assertThat(exitCode(export)).isEqualTo(5);
        assertThat(stderr()).isEqualTo("statekeeper: cannot write to stdout: File too large; what was printed is "
                + "incomplete\n" + FIX);
        assertThat(Files.size(file)).isBetween(1L, 64 * 1024L);
    }

    /**
     * The same limit on {@code -o FILE}: the file is written through a temporary file, so nothing is left, neither a
     * cut-off file nor the temporary one; File too large (EFBIG) is DISK_FULL, as a full disk is.
     */
    @Test
    void anExportToAFileBeyondTheFileSizeLimitIsDiskFullAndLeavesNothing() throws Exception {
        fill(dir, "json");
        Path out = Files.createDirectory(dir.resolve("out"));
        Path file = out.resolve("export.jsonl");
        Process export = start(dir, "json", List.of("sh", "-c", "trap '' XFSZ; ulimit -f 64; exec \"$@\"", "sh"),
                "db", "export", "-o", file.toString()).start();

        assertThat(exitCode(export)).isEqualTo(5);
        assertThat(stderr()).isEqualTo("statekeeper: cannot write export file '" + file + "': File too large\n"
                + "  fix: free space or move the data directory to a larger disk\n");
        try (var left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aPipeClosedByItsReaderEndsTheExportQuietlyWithExitFive() throws Exception {
        Process export = start(shared, "sqlite", List.of(), "db", "export").start();
        try (InputStream out = export.getInputStream()) {
            assertThat(new String(out.readNBytes(10))).isEqualTo("{\"format\":");
        }

        assertThat(exitCode(export)).isEqualTo(5);
        assertThat(stderr()).isEmpty();
    }

    /** A store of the backend in {@code home}/data holding {@link #LOOPS} loops with feedback (about 300 KB). */
    private static void fill(Path home, String backend) {
        byte[] export;
        try (StateStore memory = StateStores.open(Settings.builder().set(Setting.BACKEND, "memory").build(),
                TestClock.frozen())) {
            for (int n = 0; n < LOOPS; n++) {
                String id = memory.createLoop(new NewLoop("demo", LoopType.SPEC,
                        String.format("loop%04d", n))).id();
                memory.addFeedback(id, Fixtures.feedback(60));
                memory.addFeedback(id, Fixtures.feedback(70));
            }
            export = Archives.export(memory);
        }
        assertThat(export.length).isGreaterThan(250_000);
        new CliRunner(home.resolve("data")).env("STATEKEEPER_BACKEND", backend).runWithBytes(export, "db", "import", "-");
    }

    /** The CLI in a child process on the store in {@code home}/data; its stderr goes to this test's directory. */
    private ProcessBuilder start(Path home, String backend, List<String> prefix, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:-UsePerfData",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().put("STATEKEEPER_BACKEND", backend);
        builder.environment().put("STATEKEEPER_DATA_DIR", home.resolve("data").toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        return builder;
    }

    private static int exitCode(Process process) throws InterruptedException {
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }
}
