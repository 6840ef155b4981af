package dev.statekeeper.examples;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an embedder's console shows of the libraries under a store, with a plain slf4j binding at INFO on the class
 * path (src/test/resources/simplelogger.properties, to System.err, which the tests capture): opening and closing a
 * SQLite store and a PostgreSQL store (creating and migrating each) prints no line of HikariCP, Flyway or
 * sqlite-jdbc, while their warnings still get through: no logger's level is changed, the INFO lines are not made.
 */
@ResourceLock(Resources.SYSTEM_ERR)
class LibrariesStayQuietTest {
    /** A line slf4j-simple prints for a logger of HikariCP, Flyway or sqlite-jdbc, at any level. */
    private static final Pattern LIBRARY_LINE =
            Pattern.compile("^(TRACE|DEBUG|INFO|WARN|ERROR) (com\\.zaxxer\\.hikari|org\\.flywaydb|org\\.sqlite)\\..*");

    @TempDir
    Path dir;

    @Test
    void openingAndClosingASqliteStorePrintsNoLineOfTheLibraries() {
        Settings settings = Settings.builder().dataDir(dir).build();
        List<String> lines = libraryLines(() -> {
            try (StateStore store = StateStores.open(settings)) {
                store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            }
            try (StateStore store = StateStores.open(settings)) { // the file exists: Flyway validates it
                assertThat(store.activeLoops()).hasSize(1);
            }
        });

        assertThat(lines).isEmpty();
    }

    /**
     * The server cuts the pool's one connection (pg_terminate_backend, as an operator or a failover would):
     * HikariCP's warning about it reaches the console as it should, and nothing else of the libraries does.
     */
    @Test
    void openingAndClosingAPostgresStorePrintsOnlyTheLibrariesWarnings() {
        PostgresServer server = PostgresServer.shared(); // started before the capture: zonky narrates its start
        String database = server.createDatabase(); // empty: opening the store migrates it
        Settings settings = Settings.builder().backend("postgres").databaseUrl(server.url(database))
                .poolMinSize(1).poolMaxSize(1).build();
        List<String> lines = libraryLines(() -> {
            try (StateStore store = StateStores.open(settings)) {
                String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
                server.execute(database, "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND application_name = 'statekeeper'");
                assertThat(store.getLoop(id).id()).isEqualTo(id); // on a new connection
            }
        });

        assertThat(lines).isNotEmpty().allMatch(line -> line.startsWith("WARN com.zaxxer.hikari.pool."),
                "a warning of HikariCP's pool");
        assertThat(lines).anyMatch(line -> line.contains("statekeeper-postgres - "));
    }

    /** The lines of the libraries' loggers that {@code work} prints on System.err. */
    private static List<String> libraryLines(Runnable work) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(stderr);
        }
        return err.toString(StandardCharsets.UTF_8).lines().filter(line -> LIBRARY_LINE.matcher(line).matches()).toList();
    }
}
