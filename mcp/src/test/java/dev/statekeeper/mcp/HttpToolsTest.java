package dev.statekeeper.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every tool through the MCP Java SDK client over streamable HTTP, against the servlet on Jetty and a real
 * SQLite store: results are the CLI's --json records, errors the API's messages with the code's fix.
 */
class HttpToolsTest {
    @RegisterExtension
    static final JettyMcp.PerClass MCP = JettyMcp.perClass();

    /** What the Java API says for the same failure, as a tool error's text: the message, then the fix. */
    static String api(Runnable call) {
        StatekeeperException e = catchThrowableOfType(StatekeeperException.class, call::run);
        assertThat(e).as("the API call should fail").isNotNull();
        return e.getMessage() + "\nfix: " + McpFixes.fix(e.code());
    }

    /** The value as the CLI's --json prints it, read back (so numbers compare as JSON numbers). */
    static JsonNode json(Object value) {
        try {
            return Json.mapper().readTree(Json.pretty(value));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** A spec, roadmap or plan as a tool returns it: without its empty fields. */
    static JsonNode document(Object value) {
        try {
            return Json.mapper().readTree(ToolCall.omitEmpty(value));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void listsEveryToolWithAnInputSchemaThatDescribesEachArgument() {
        List<Tool> listed = MCP.mcp().client.listTools().tools();
        assertThat(listed).extracting(Tool::name).containsExactlyElementsOf(StatekeeperMcp.toolNames()).hasSize(36);
        for (Tool tool : listed) {
            assertThat(tool.description()).as(tool.name()).isNotBlank();
            assertThat(tool.title()).as(tool.name()).isNotBlank();
            assertThat(tool.outputSchema()).as(tool.name()).containsEntry("type", "object");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) tool.inputSchema().get("properties");
            assertThat(properties.values()).as(tool.name()).allSatisfy(p -> assertThat(p).containsKey("description"));
            assertThat(tool.inputSchema()).containsEntry("additionalProperties", false);
        }
        Tool feedback = listed.stream().filter(t -> t.name().equals("store_critic_feedback")).findFirst().orElseThrow();
        assertThat(feedback.inputSchema().get("required"))
                .isEqualTo(List.of("loopId", "criticAgent", "overallScore", "assessmentSummary"));
        assertThat(feedback.annotations().readOnlyHint()).isFalse();
    }

    @Test
    void loopToolsRunTheRefinementCycle() {
        JsonNode loop = MCP.tools().ok("initialize_refinement_loop", "project", "http-loops", "type", "spec");
        String id = loop.get("id").asText();
        assertThat(loop.get("status").asText()).isEqualTo("initialized");

        JsonNode summary = MCP.tools().ok("store_critic_feedback", "loopId", id, "criticAgent", "spec-critic",
                "overallScore", 72, "assessmentSummary", "Solid start", "keyIssues", List.of("no error model"),
                "recommendations", List.of("add error codes"));
        assertThat(summary).isEqualTo(json(MCP.mcp().store.listLoops(LoopQuery.all()
                .project("http-loops")).items().getFirst()));
        assertThat(summary.get("status").asText()).isEqualTo("in_progress");

        JsonNode decision = MCP.tools().ok("decide_loop_next_action", "loopId", id);
        assertThat(decision.get("status").asText()).isEqualTo("refine");
        assertThat(decision.get("iteration").asInt()).isEqualTo(2);

        JsonNode status = MCP.tools().ok("get_loop_status", "loopId", id);
        assertThat(status.get("loop")).isEqualTo(json(MCP.mcp().store.getLoop(id).summary()));
        assertThat(status.get("scoreHistory")).isEqualTo(json(List.of(72)));
        assertThat(status.get("feedback")).isEqualTo(((ObjectNode) json(Map.of("items", MCP.mcp().store.getLoop(id).feedback(),
                "total", 1))).putNull("nextCursor"));
        JsonNode active = MCP.tools().ok("list_active_loops");
        assertThat(active.get("items")).isEqualTo(json(MCP.mcp().store.activeLoops()));
        assertThat(active.get("total").asInt()).isEqualTo(MCP.mcp().store.activeLoops().size());
        assertThat(active.get("nextCursor").isNull()).isTrue();

        assertThat(MCP.tools().ok("store_current_objective_feedback", "loopId", id, "text", "Ship auth by Friday"))
                .isEqualTo(json(Map.of("loopId", id, "text", "Ship auth by Friday")));
        assertThat(MCP.tools().ok("get_previous_objective_feedback", "loopId", id).get("text").asText())
                .isEqualTo("Ship auth by Friday");

        assertThat(MCP.tools().error("decide_loop_next_action", "loopId", id, "expectedVersion", 1))
                .isEqualTo(api(() -> MCP.mcp().store.decide(id, 1L)))
                .startsWith("loop '" + id + "' is at version 3, not 1");
    }

    @Test
    void loopToolErrorsCarryTheApiMessageAndFix() {
        assertThat(MCP.tools().error("get_loop_status", "loopId", "nope1234"))
                .isEqualTo("loop 'nope1234' not found\nfix: call list_loops (with project=P to narrow it) to "
                        + "find the loop's id");
        String id = MCP.tools().ok("initialize_refinement_loop", "project", "http-errors", "type", "plan").get("id").asText();
        assertThat(MCP.tools().error("decide_loop_next_action", "loopId", id)).isEqualTo(api(() -> MCP.mcp().store.decide(id)))
                .startsWith("loop '" + id + "' has no critic feedback yet");
        assertThat(MCP.tools().error("get_previous_objective_feedback", "loopId", id))
                .isEqualTo(api(() -> MCP.mcp().store.getObjectiveFeedback(id)));
        assertThat(MCP.tools().error("store_critic_feedback", "loopId", id, "criticAgent", "c", "overallScore", 150,
                "assessmentSummary", "too high"))
                .isEqualTo("invalid feedback: overallScore = 150: must be between 0 and 100\n"
                        + "fix: correct the named fields and retry");
    }

    @Test
    void aCompletedLoopRefusesFeedbackAndDecisionsWithItsCode() {
        String id = MCP.tools().ok("initialize_refinement_loop", "project", "http-completed", "type", "build_code")
                .get("id").asText();
        MCP.tools().ok("store_critic_feedback", "loopId", id, "criticAgent", "c", "overallScore", 96, "assessmentSummary", "s");
        assertThat(MCP.tools().ok("decide_loop_next_action", "loopId", id).get("status").asText()).isEqualTo("completed");

        var feedback = MCP.tools().call("store_critic_feedback", "loopId", id, "criticAgent", "c", "overallScore", 50,
                "assessmentSummary", "s");
        var decide = MCP.tools().call("decide_loop_next_action", "loopId", id);

        String fix = "\nfix: start the next round with initialize_refinement_loop; get_loop_status with loopId=ID "
                + "shows the completed one";
        assertThat(feedback.isError()).isTrue();
        assertThat(feedback.meta()).containsEntry("code", "loop-completed");
        assertThat(ToolClient.text(feedback)).isEqualTo("loop '" + id + "' is completed (score 96 at iteration 1), so "
                + "it takes no more feedback" + fix);
        assertThat(decide.isError()).isTrue();
        assertThat(decide.meta()).containsEntry("code", "loop-completed");
        assertThat(ToolClient.text(decide)).isEqualTo("loop '" + id + "' is completed (score 96 at iteration 1), so it "
                + "takes no more decisions" + fix);
        assertThat(MCP.mcp().store.getLoop(id).scoreHistory()).containsExactly(96);
    }

    @Test
    void feedbackWithoutIterationIsAtTheLoopsCurrentIteration() {
        String id = MCP.tools().ok("initialize_refinement_loop", "project", "http-iteration", "type", "build_code")
                .get("id").asText();
        MCP.tools().ok("store_critic_feedback", "loopId", id, "criticAgent", "c", "overallScore", 40, "assessmentSummary", "s");
        MCP.tools().ok("decide_loop_next_action", "loopId", id);
        MCP.tools().ok("store_critic_feedback", "loopId", id, "criticAgent", "c", "overallScore", 60, "assessmentSummary", "s");

        assertThat(MCP.mcp().store.getLoop(id).feedback()).extracting(f -> f.iteration()).containsExactly(1, 2);
    }

    @Test
    void specToolsStoreUpdateResolveLinkAndDelete() {
        JsonNode stored = MCP.tools().ok("store_spec", "project", "http-specs", "spec",
                Map.of("title", "User Auth", "objectives", "log users in", "scope", "web"));
        assertThat(stored.get("name").asText()).isEqualTo("user-auth");
        assertThat(stored.get("version").asInt()).isEqualTo(1);

        JsonNode updated = MCP.tools().ok("update_spec", "project", "http-specs", "name", "User Auth",
                "spec", Map.of("architecture", "OAuth device flow", "status", "in-review"), "expectedVersion", 1);
        assertThat(updated.get("version").asInt()).isEqualTo(2);
        assertThat(updated.at("/content/status").asText()).isEqualTo("in-review");
        assertThat(MCP.tools().error("update_spec", "project", "http-specs", "name", "user-auth",
                "spec", Map.of("objectives", "something else")))
                .startsWith("invalid spec update: objectives = 'something else': is frozen after the first version");

        assertThat(MCP.tools().ok("get_spec", "project", "http-specs", "name", "user-auth"))
                .isEqualTo(document(MCP.mcp().store.getSpec("http-specs", "user-auth")));
        MCP.tools().ok("store_spec", "project", "http-specs", "spec", Map.of("title", "User Profile"));
        assertThat(MCP.tools().ok("list_specs", "project", "http-specs", "limit", 1).get("total").asInt()).isEqualTo(2);
        assertThat(MCP.tools().ok("resolve_spec", "project", "http-specs", "partialName", "auth").get("name").asText())
                .isEqualTo("user-auth");
        assertThat(MCP.tools().error("resolve_spec", "project", "http-specs", "partialName", "user"))
                .isEqualTo(api(() -> MCP.mcp().store.resolveSpec("http-specs", "user")));

        String loop = MCP.tools().ok("initialize_refinement_loop", "project", "http-specs", "type", "spec").get("id").asText();
        assertThat(MCP.tools().ok("link_loop_to_spec", "loopId", loop, "project", "http-specs", "name", "User Auth"))
                .isEqualTo(json(Map.of("loopId", loop, "project", "http-specs", "name", "user-auth")));
        assertThat(MCP.tools().ok("get_loop_spec", "loopId", loop).get("name").asText()).isEqualTo("user-auth");
        assertThat(MCP.tools().ok("unlink_loop", "loopId", loop)).isEqualTo(json(Map.of("loopId", loop, "unlinked", true)));
        assertThat(MCP.tools().error("get_loop_spec", "loopId", loop)).isEqualTo(api(() -> MCP.mcp().store.specForLoop(loop)));

        assertThat(MCP.tools().ok("delete_spec", "project", "http-specs", "name", "user-profile"))
                .isEqualTo(json(Map.of("deleted", "spec", "project", "http-specs", "name", "user-profile")));
        assertThat(MCP.tools().error("get_spec", "project", "http-specs", "name", "user-profile"))
                .isEqualTo("spec 'user-profile' of project 'http-specs' not found\n"
                        + "fix: call list_specs with project=P, or resolve_spec with project=P and partialName=PART");
    }

    @Test
    void roadmapAndPlanTools() {
        MCP.tools().ok("store_spec", "project", "http-docs", "spec", Map.of("title", "Billing"));
        JsonNode roadmap = MCP.tools().ok("create_roadmap", "project", "http-docs", "roadmap",
                Map.of("title", "Demo roadmap", "projectGoal", "v1 in Q3"));
        assertThat(roadmap.at("/content/projectGoal").asText()).isEqualTo("v1 in Q3");
        JsonNode read = MCP.tools().ok("get_roadmap", "project", "http-docs");
        assertThat(read).isEqualTo(document(MCP.mcp().store.getRoadmap("http-docs")));
        assertThat(read.at("/specs/0/name").asText()).isEqualTo("billing");
        assertThat(MCP.tools().error("get_roadmap", "project", "http-none"))
                .isEqualTo("roadmap of project 'http-none' not found\nfix: store one with create_roadmap (project=P, roadmap={title: T})");

        JsonNode plan = MCP.tools().ok("store_project_plan", "project", "http-docs", "plan",
                Map.of("vision", "Agents that remember", "status", "approved"));
        assertThat(plan.at("/content/status").asText()).isEqualTo("approved");
        assertThat(MCP.tools().ok("get_project_plan", "project", "http-docs"))
                .isEqualTo(document(MCP.mcp().store.getPlan("http-docs")));
        assertThat(MCP.tools().ok("list_project_plans", "status", "approved").at("/items/0/project").asText())
                .isEqualTo("http-docs");
        assertThat(MCP.tools().ok("delete_project_plan", "project", "http-docs"))
                .isEqualTo(json(Map.of("deleted", "plan", "project", "http-docs")));
        assertThat(MCP.tools().error("get_project_plan", "project", "http-docs"))
                .isEqualTo("plan of project 'http-docs' not found\nfix: store one with store_project_plan (project=P, plan={...})");
    }

    @Test
    void sessionTools() {
        JsonNode session = MCP.tools().ok("start_session", "name", "http-fix-login", "repoName", "web", "branch", "fix/login",
                "metadata", Map.of("ticket", "42"));
        assertThat(session.get("status").asText()).isEqualTo("active");
        assertThat(MCP.tools().error("start_session", "name", "http-fix-login"))
                .isEqualTo(api(() -> MCP.mcp().store.startSession(NewSession.named("http-fix-login"))))
                .startsWith("session 'http-fix-login' already exists");
        assertThat(MCP.tools().ok("get_session", "name", "http-fix-login"))
                .isEqualTo(json(MCP.mcp().store.getSession("http-fix-login")));
        assertThat(MCP.tools().ok("list_sessions", "repoName", "web").at("/items/0/name").asText()).isEqualTo("http-fix-login");
        assertThat(MCP.tools().ok("end_session", "name", "http-fix-login").get("status").asText()).isEqualTo("ended");
        assertThat(MCP.tools().error("end_session", "name", "http-nobody"))
                .isEqualTo("session 'http-nobody' not found\nfix: call list_sessions to find its name, or start_session with name=N");
    }

    @Test
    void badArgumentsAreToolErrorsNamingTheField() {
        String fix = "\nfix: correct the named fields and retry";
        assertThat(MCP.tools().error("get_loop_status", "loop_id", "x"))
                .isEqualTo("invalid arguments of get_loop_status: unknown field 'loop_id' (known fields: cursor, feedbackLimit, loopId)" + fix);
        assertThat(MCP.tools().error("store_critic_feedback", "loopId", "x", "criticAgent", "c", "overallScore", "80",
                "assessmentSummary", "s"))
                .isEqualTo("invalid arguments of store_critic_feedback: wrong type for 'overallScore': expected a "
                        + "whole number, got the string \"80\"" + fix);
        assertThat(MCP.tools().error("store_critic_feedback", "loopId", "x"))
                .isEqualTo("invalid arguments of store_critic_feedback: missing fields 'criticAgent', 'overallScore', "
                        + "'assessmentSummary'" + fix);
        assertThat(MCP.tools().error("initialize_refinement_loop", "project", "p", "type", "essay"))
                .isEqualTo("invalid arguments of initialize_refinement_loop: bad value for 'type': the string \"essay\" "
                        + "must be one of plan, roadmap, spec, build_plan, build_code, analyst" + fix);
        assertThat(MCP.tools().error("store_spec", "project", "p", "spec", Map.of("title", "T", "scop", "typo")))
                .startsWith("invalid arguments of store_spec: unknown field 'spec.scop' (known fields: additionalSections,");
        assertThat(MCP.tools().error("store_critic_feedback", "loopId", "x", "criticAgent", "c", "overallScore", 1,
                "assessmentSummary", "s", "keyIssues", List.of("ok", 3)))
                .isEqualTo("invalid arguments of store_critic_feedback: wrong type for 'keyIssues[1]': expected a "
                        + "string, got the number 3" + fix);
        assertThat(MCP.tools().error("list_specs", "project", "p", "limit", 0))
                .isEqualTo("invalid paging: limit = 0: must be between 1 and 1000" + fix);
        assertThat(MCP.tools().call("list_active_loops", "verbose", true).meta()).containsEntry("code", "validation-failed");
    }

    @Test
    void browserRequestsFromAnotherOriginAreRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(MCP.mcp().baseUri() + StatekeeperMcp.ENDPOINT))
                .header("Origin", "http://evil.example")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"page\",\"version\":\"1\"}}}"))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        }
    }
}
