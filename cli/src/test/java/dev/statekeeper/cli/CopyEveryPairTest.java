package dev.statekeeper.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code db copy --verify} from every backend that outlives a process (sqlite, json, postgres) to every backend
 * (and memory): each copy verifies record by record and the change history as a whole, and the target then exports
 * the source's exact bytes, gives the same events and numbers its next event after the copied ones.
 */
class CopyEveryPairTest {
    private static final List<String> DURABLE = List.of("sqlite", "json", "postgres");

    @TempDir
    Path dir;

    private final Map<String, String> databases = new HashMap<>();

    static Stream<Arguments> pairs() {
        return DURABLE.stream().flatMap(from -> Stream.of("sqlite", "json", "postgres", "memory")
                .map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void aCopyVerifiesAndTheTargetExportsTheSameBytes(String from, String to) throws JsonProcessingException {
        CliRunner seed = new CliRunner(dir.resolve("seed"));
        String loop = seed.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        seed.ok("loop", "feedback", loop, "--critic", "c", "--score", "72", "--summary", "Solid");
        seed.ok("loop", "objective", loop, "--set", "Ship it");
        seed.runWithInput("{\"title\": \"User Auth\"}", "spec", "put", "--project", "demo", "--file", "-");
        seed.ok("spec", "link", "--loop", loop, "--project", "demo", "--name", "user-auth");
        seed.ok("session", "start", "s1", "--repo-name", "web");
        String export = seed.ok("db", "export");

        String source = target(from, "source");
        if (!from.equals("sqlite")) {
            seed.ok("db", "copy", "--to", source);
        }
        CliRunner cli = from.equals("sqlite") ? seed : runner(from, source, "source");

        String out = cli.ok("db", "copy", "--to", target(to, "target"), "--verify");

        assertThat(out).contains("verified: the target holds every record of the source, identical (6 records)");
        assertThat(export).contains("\n{\"kind\":\"eventSequence\",\"lastSequence\":6}\n");
        if (!to.equals("memory")) { // a memory target is gone with the process: its history was verified above
            CliRunner target = runner(to, target(to, "target"), "target");
            assertThat(target.ok("db", "export")).isEqualTo(export);
            assertThat(target.ok("events", "--json")).isEqualTo(seed.ok("events", "--json"));
            target.ok("session", "start", "next");
            JsonNode events = Json.mapper().readTree(target.ok("events", "--json"));
            assertThat(events.get("lastSequence").asLong()).isEqualTo(7);
            assertThat(events.get("items")).hasSize(7);
        }
    }

    private String target(String backend, String name) {
        return switch (backend) {
            case "sqlite" -> "sqlite:" + dir.resolve(name).resolve("state.db");
            case "json" -> "json:" + dir.resolve(name);
            case "postgres" -> databases.computeIfAbsent(name, n -> PostgresServer.shared().url(
                    PostgresServer.shared().createDatabase()));
            default -> "memory:";
        };
    }

    private CliRunner runner(String backend, String location, String name) {
        CliRunner runner = new CliRunner(dir.resolve(name + "-cli"));
        return switch (backend) {
            case "sqlite" -> runner.env("DATABASE_URL", location);
            case "json" -> new CliRunner(dir.resolve(name)).env("STATEKEEPER_BACKEND", "json");
            default -> runner.env("STATEKEEPER_BACKEND", "postgres").env("DATABASE_URL", location);
        };
    }
}
