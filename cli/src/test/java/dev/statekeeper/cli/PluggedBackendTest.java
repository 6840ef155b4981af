package dev.statekeeper.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend the CLI knows nothing of, plugged in as a jar on the class path would be: the test backend
 * {@code testmem} ({@link dev.statekeeper.cli.testmem.TestMemProvider}) is registered in {@code testmem/META-INF/services},
 * which only the class loader these tests run the CLI with adds. The CLI selects it, copies into it and lists it
 * with the built-ins, the same as them.
 */
class PluggedBackendTest {
    /** The test class path plus the directory that registers the test backend. */
    private static final ClassLoader PLUGGED = new URLClassLoader(
            new URL[] {PluggedBackendTest.class.getResource("/testmem/")}, PluggedBackendTest.class.getClassLoader());

    @TempDir
    Path dir;

    private CliRunner cli;
    private String store;

    @BeforeEach
    void fill() {
        cli = new CliRunner(dir.resolve("a"));
        store = "testmem:" + dir.getFileName();
        String loop = cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        cli.ok("loop", "feedback", loop, "--critic", "c", "--score", "72", "--summary", "Solid");
        cli.ok("session", "start", "s1", "--repo-name", "web");
    }

    @Test
    void theTestBackendIsSelectedByFlagOrEnvironmentAndListedWithTheBuiltIns() {
        cli.env("DATABASE_URL", store);

        String created = plugged(() -> cli.ok("--backend", "testmem", "loop", "create", "--project", "p", "--type", "plan"));
        String status = plugged(() -> cli.ok("--backend", "testmem", "db", "status"));
        String listed = plugged(() -> cli.env("STATEKEEPER_BACKEND", "testmem").ok("loop", "list", "--project", "p"));

        assertThat(status).isEqualTo("""
                backend         testmem
                location        %s
                schema version  (none)

                records
                  loops          1
                  feedback       0
                  specs          0
                  specRevisions  0
                  roadmaps       0
                  plans          0
                  sessions       0
                """.formatted(store));
        assertThat(listed).contains(created.strip());
        assertThat(plugged(() -> cli.ok("--help"))).contains(
                "--backend=NAME   backend: memory, json, sqlite, postgres or testmem",
                "  STATEKEEPER_BACKEND = memory, json, sqlite, postgres, testmem (default sqlite)\n");
        assertThat(plugged(() -> cli.ok("db", "migrate", "status"))).isEqualTo("nothing to migrate: the testmem store at "
                + store + " has no schema migrations\n");
    }

    @Test
    void dbCopyTargetsTheTestBackendAndItsStoreHoldsTheRecords() {
        String dryRun = plugged(() -> cli.ok("db", "copy", "--to", store, "--dry-run"));
        String copied = plugged(() -> cli.ok("db", "copy", "--to", store, "--verify"));

        assertThat(dryRun).isEqualTo("dry run: would copy 3 records (1 loop with 1 feedback, 1 active-loop entry, "
                + "1 session) and 3 events from sqlite store " + dir.resolve("a/state.db") + " to testmem store " + store
                + "; nothing was written\n");
        assertThat(copied).isEqualTo("copied 3 records (1 loop with 1 feedback, 1 active-loop entry, 1 session) and 3 "
                + "events from "
                + "sqlite store " + dir.resolve("a/state.db") + " to testmem store " + store + " (replace)\n"
                + "verified: the target holds every record of the source, identical (3 records)\n");
        cli.env("STATEKEEPER_BACKEND", "testmem").env("DATABASE_URL", store);
        assertThat(plugged(() -> cli.ok("db", "export"))).isEqualTo(new CliRunner(dir.resolve("a")).ok("db", "export"));
        assertThat(plugged(() -> cli.run("db", "copy", "--to", store, "--mode", "merge")).err())
                .startsWith("statekeeper: --to names the store itself (testmem store " + store + ")");
    }

    @Test
    void unknownBackendsAndUrlsAreRefusedNamingWhatTheInstalledBackendsClaim() {
        CliRunner.Result backend = plugged(() -> cli.run("--backend", "oracle", "db", "status"));
        CliRunner.Result target = plugged(() -> cli.run("db", "copy", "--to", "mysql://x"));
        CliRunner.Result url = plugged(() -> new CliRunner(dir.resolve("a")).env("DATABASE_URL", "mysql://root:hunter2@db/x")
                .run("db", "status"));

        assertThat(backend.exitCode()).isEqualTo(2);
        assertThat(backend.err()).startsWith("statekeeper: invalid settings: STATEKEEPER_BACKEND = 'oracle': must be "
                + "one of memory, json, sqlite, postgres, testmem (from --backend)\n");
        assertThat(target.exitCode()).isEqualTo(2);
        assertThat(target.err()).startsWith("statekeeper: --to 'mysql://x' names no store; a target is "
                + "sqlite:/path/state.db, json:/dir, postgresql://user:pass@host:port/db, testmem:NAME or memory:\n");
        assertThat(url.exitCode()).isEqualTo(2);
        assertThat(url.err()).startsWith("statekeeper: invalid settings: DATABASE_URL = 'mysql://root:****@db/x': must "
                + "start with postgresql:// or sqlite: or testmem: (from the environment)\n");
        assertThat(cli.run("--backend", "testmem", "db", "status").err())
                .as("without the class loader that registers it, the test backend is not installed")
                .startsWith("statekeeper: invalid settings: STATEKEEPER_BACKEND = 'testmem': must be one of memory, json, "
                        + "sqlite, postgres (from --backend)\n");
    }

    @Test
    void verifyRepairAndRecoverSayTheTestBackendHasNoHooks() {
        cli.env("STATEKEEPER_BACKEND", "testmem").env("DATABASE_URL", store);

        CliRunner.Result verify = plugged(() -> cli.run("db", "verify"));
        CliRunner.Result recover = plugged(() -> cli.run("db", "recover"));

        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.err()).startsWith("statekeeper: the testmem backend has no verify, repair or recover in this "
                + "build (they are installed for memory, json, sqlite, postgres)\n");
        assertThat(recover.err()).isEqualTo(verify.err());
    }

    /** Runs the CLI with the test backend installed (ServiceLoader looks through the thread's context class loader). */
    private static <T> T plugged(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(PLUGGED);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
