package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MCP server driven by a client nobody here wrote: the official TypeScript SDK from npm
 * (src/test/node/client.mjs) starts the server as a process and talks to it over stdio: initialize, list
 * the tools, call every tool, and some calls that must fail. Needs node and npm on the PATH.
 */
class TypeScriptClientTest {
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path WORK = Path.of("target", "node-client");

    @Test
    void theOfficialTypeScriptClientCallsEveryTool(@TempDir Path data) throws Exception {
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        assumeTrue(node.isPresent() && npm.isPresent(), () -> "skipped: the TypeScript MCP client test needs "
                + (node.isEmpty() ? "node" : "") + (node.isEmpty() && npm.isEmpty() ? " and " : "")
                + (npm.isEmpty() ? "npm" : "") + " on the PATH (" + System.getenv("PATH") + ")");
        install(npm.orElseThrow());

        List<String> command = new ArrayList<>(List.of(node.orElseThrow().toString(), "client.mjs"));
        command.addAll(ServerProcess.command(data.toAbsolutePath()));
        Map<String, JsonNode> steps = steps(run(command, "client", 180));

        assertThat(steps.get("initialize").at("/server/name").asText()).isEqualTo("statekeeper");
        assertThat(steps.get("initialize").at("/server/version").asText()).isEqualTo(StatekeeperMcp.version());
        List<JsonNode> tools = steps.get("tools").get("tools").valueStream().toList();
        assertThat(tools).extracting(t -> t.get("name").asText()).containsExactlyElementsOf(StatekeeperMcp.toolNames());
        assertThat(tools).allSatisfy(t -> assertThat(t.get("described").asBoolean()).as(t.toString()).isTrue());
        assertThat(tools).allSatisfy(t -> assertThat(t.get("title").asText()).as(t.toString()).isNotBlank());
        assertThat(tools).allSatisfy(t -> assertThat(t.get("outputType").asText()).as(t.toString()).isEqualTo("object"));

        List<String> failing = List.of("frozen-field", "not-found", "wrong-type", "unknown-field", "missing-field");
        List<String> called = steps.values().stream().filter(s -> s.has("tool")).map(s -> s.get("tool").asText())
                .distinct().toList();
        assertThat(called).containsExactlyInAnyOrderElementsOf(StatekeeperMcp.toolNames());
        steps.forEach((name, step) -> {
            if (step.has("isError")) {
                assertThat(step.get("isError").asBoolean()).as(step.toString()).isEqualTo(failing.contains(name));
                if (!failing.contains(name)) {
                    // the SDK client validated it against the tool's outputSchema; it is the text's JSON
                    assertThat(step.get("structured")).as(name).isEqualTo(readJson(step.get("text").asText()));
                }
            }
        });

        JsonNode decision = result(steps, "decide");
        assertThat(decision.get("status").asText()).isEqualTo("completed");
        assertThat(decision.get("reason").asText()).isEqualTo("score 90 reached the spec threshold 85");
        assertThat(result(steps, "status").get("scoreHistory").toString()).isEqualTo("[90]");
        assertThat(result(steps, "get-objective").get("text").asText()).isEqualTo("Ship auth by Friday");
        assertThat(result(steps, "update-spec").get("version").asInt()).isEqualTo(2);
        assertThat(result(steps, "resolve-spec").get("name").asText()).isEqualTo("user-auth");
        assertThat(result(steps, "loop-spec").get("name").asText()).isEqualTo("user-auth");
        assertThat(result(steps, "get-roadmap").at("/specs/0/name").asText()).isEqualTo("user-auth");
        assertThat(result(steps, "list-plans").get("total").asInt()).isEqualTo(1);
        assertThat(result(steps, "end-session").get("status").asText()).isEqualTo("ended");
        assertThat(result(steps, "list-loops").at("/items/0/id").asText()).isEqualTo(result(steps, "create-loop")
                .get("id").asText());
        assertThat(result(steps, "delete-loop").get("deleted").asText()).isEqualTo("loop");
        assertThat(result(steps, "spec-history").get("total").asInt()).isEqualTo(2);
        assertThat(result(steps, "spec-revision").get("version").asInt()).isEqualTo(1);
        assertThat(result(steps, "clean-sessions").get("sessions").valueStream().map(JsonNode::asText))
                .containsExactly("ts-session");
        assertThat(result(steps, "clean-sessions").get("dryRun").asBoolean()).isTrue();
        JsonNode doctor = steps.get("doctor");
        assertThat(result(steps, "doctor").get("checks").valueStream().map(c -> c.get("id").asText())).containsExactly("connection", "journal-mode");
        assertThat(doctor.get("structured")).isEqualTo(result(steps, "doctor"));
        assertThat(doctor.get("verdict").asText()).isEqualTo("pass");
        JsonNode perf = result(steps, "perf");
        assertThat(perf.get("operation").asText()).isEqualTo("getLoop");
        assertThat(perf.at("/operations/0/operation").asText()).as("get_loop_status ran").isEqualTo("getLoop");

        assertThat(steps.get("resource-templates").get("uris").toString()).isEqualTo("[\"statekeeper://loops/{id}\","
                + "\"statekeeper://plans/{project}\",\"statekeeper://roadmaps/{project}\",\"statekeeper://sessions/{name}\","
                + "\"statekeeper://specs/{project}/{name}\",\"statekeeper://specs/{project}/{name}/revisions\"]");
        assertThat(steps.get("resources").get("uris").toString()).isEqualTo("[\"statekeeper://loops\"]");
        JsonNode readLoop = steps.get("read-loop");
        assertThat(readLoop.get("mimeType").asText()).isEqualTo("application/json");
        assertThat(readLoop.at("/json/id").asText()).isEqualTo(result(steps, "create-loop").get("id").asText());
        assertThat(steps.get("read-missing").get("code").asInt()).isEqualTo(-32002);
        assertThat(steps.get("prompts").get("names").toString())
                .isEqualTo("[\"refine_spec_with_critic\",\"resume_my_work\"]");
        assertThat(steps.get("prompt-refine").get("text").asText())
                .contains("call initialize_refinement_loop with project=ts-demo and type=spec");
        assertThat(steps.get("complete-project").get("values").toString()).isEqualTo("[\"ts-demo\"]");

        String fix = "\nfix: correct the named fields and retry";
        assertThat(steps.get("frozen-field").get("text").asText()).isEqualTo("invalid spec update: scope = 'everything': "
                + "is frozen after the first version and cannot change\nfix: omit the frozen fields (objectives, "
                + "scope, dependencies, deliverables) or store a new spec");
        assertThat(steps.get("frozen-field").get("code").asText()).isEqualTo("frozen-field");
        assertThat(steps.get("not-found").get("text").asText())
                .isEqualTo("loop 'nope1234' not found\nfix: call list_loops (with project=P to narrow it) to "
                        + "find the loop's id");
        assertThat(steps.get("wrong-type").get("text").asText()).isEqualTo("invalid arguments of store_critic_feedback: "
                + "wrong type for 'overallScore': expected a whole number, got the string \"80\"" + fix);
        assertThat(steps.get("unknown-field").get("text").asText())
                .isEqualTo("invalid arguments of get_loop_status: unknown field 'loop_id' (known fields: cursor, feedbackLimit, loopId)" + fix);
        assertThat(steps.get("missing-field").get("text").asText())
                .isEqualTo("invalid arguments of get_spec: missing field 'name'" + fix);
        assertThat(steps.get("unknown-tool").get("code").asInt()).isEqualTo(-32602);
        assertThat(steps).containsKey("closed");

        assertThat(steps.get("events-capabilities").get("subscribe").asBoolean()).isTrue();
        String watched = result(steps, "events-loop").get("id").asText();
        assertThat(steps.get("resource-updated").get("uris").toString())
                .isEqualTo("[\"statekeeper://loops/" + watched + "\"]");
        JsonNode events = result(steps, "list-events");
        assertThat(events.get("items").valueStream().map(e -> e.get("operation").asText()))
                .containsExactly("loop.created", "loop.feedback_added");
        assertThat(events.at("/items/1/via").asText()).isEqualTo("mcp");
        assertThat(events.at("/items/1/actor").asText()).isEqualTo("statekeeper-ts-events");
        assertThat(result(steps, "wait-loop").get("reached").asBoolean()).isTrue();
        assertThat(result(steps, "wait-loop").at("/loop/version").asLong()).isEqualTo(2);
        assertThat(steps.get("subscribe-missing").get("code").asInt()).isEqualTo(-32002);
        assertThat(steps).containsKey("events-closed");
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static JsonNode result(Map<String, JsonNode> steps, String step) throws IOException {
        return Json.mapper().readTree(steps.get(step).get("text").asText());
    }

    /** npm ci into target/node-client once (the lock file pins the SDK); client.mjs is copied every run. */
    private static void install(Path npm) throws Exception {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "client.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(WORK.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))) {
            run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), "npm-ci", 600);
        }
    }

    /** Runs a command in target/node-client; fails with its output unless it exits 0 in time; its stdout lines. */
    private static List<String> run(List<String> command, String name, long timeoutSeconds) throws Exception {
        Path out = WORK.resolve(name + ".out");
        Path err = WORK.resolve(name + ".err");
        Process process = new ProcessBuilder(command).directory(WORK.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly().waitFor();
        }
        String report = String.join(" ", command.subList(0, 2)) + (done ? " exited " + process.exitValue()
                : " ran longer than " + timeoutSeconds + " s") + "\n--- stdout\n" + Files.readString(out)
                + "\n--- stderr\n" + Files.readString(err);
        assertThat(done && process.exitValue() == 0).as(report).isTrue();
        return Files.readAllLines(out);
    }

    private static Map<String, JsonNode> steps(List<String> lines) throws IOException {
        Map<String, JsonNode> steps = new LinkedHashMap<>();
        for (String line : lines) {
            JsonNode step = Json.mapper().readTree(line);
            steps.put(step.get("step").asText(), step);
        }
        return steps;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
