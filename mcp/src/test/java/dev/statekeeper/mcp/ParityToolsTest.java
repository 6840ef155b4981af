package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tools that give an agent what the HTTP API gives a client (list_loops, get_spec_history, get_spec_revision,
 * delete_loop, clean_loops, clean_sessions), through the Java SDK client over streamable HTTP on a real SQLite store.
 */
class ParityToolsTest {
    static final String FIX = "\nfix: correct the named fields and retry";
    @RegisterExtension
    static final JettyMcp.PerClass MCP = JettyMcp.perClass();

    static List<String> store() {
        List<String> records = new ArrayList<>();
        MCP.mcp().store.archive().export(r -> records.add(Json.write(r)));
        return records;
    }

    @Test
    void listLoopsFiltersAndPagesSoARestartedAgentFindsItsLoops() {
        for (int i = 0; i < 3; i++) {
            MCP.mcp().store.createLoop(NewLoop.of("parity-list", LoopType.SPEC));
        }
        String plan = MCP.mcp().store.createLoop(NewLoop.of("parity-list", LoopType.PLAN)).id();
        MCP.mcp().store.addFeedback(plan, CriticFeedback.builder().criticAgent("c").overallScore(10).assessmentSummary("s")
                .build());
        JsonNode all = MCP.tools().ok("list_loops", "project", "parity-list");
        assertThat(all.get("total").asInt()).isEqualTo(4);
        assertThat(all).isEqualTo(HttpToolsTest.json(Listing.of(MCP.mcp().store.listLoops(LoopQuery.all()
                .project("parity-list")))));
        assertThat(MCP.tools().ok("list_loops", "project", "parity-list", "type", "plan").at("/items/0/id").asText())
                .isEqualTo(plan);
        assertThat(MCP.tools().ok("list_loops", "project", "parity-list", "status", "in_progress").get("total").asInt())
                .isEqualTo(1);
        JsonNode first = MCP.tools().ok("list_loops", "project", "parity-list", "limit", 3);
        JsonNode rest = MCP.tools().ok("list_loops", "project", "parity-list", "limit", 3, "cursor",
                first.get("nextCursor").asText());
        assertThat(rest.get("items")).hasSize(1);
        assertThat(rest.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void specHistoryAndRevisions() {
        MCP.mcp().store.putSpec("parity-spec", SpecContent.titled("Auth"));
        MCP.tools().ok("update_spec", "project", "parity-spec", "name", "auth", "spec", Map.of("architecture", "v2"));
        JsonNode history = MCP.tools().ok("get_spec_history", "project", "parity-spec", "name", "Auth");
        assertThat(history.get("total").asInt()).isEqualTo(2);
        assertThat(history.get("items").valueStream().map(s -> s.get("version").asInt())).containsExactly(1, 2);
        assertThat(history.at("/items/1/content/architecture").asText()).isEqualTo("v2");
        assertThat(history.at("/items/0/content").has("architecture")).isFalse();
        assertThat(MCP.tools().ok("get_spec_revision", "project", "parity-spec", "name", "auth", "version", 1)
                .get("version").asInt()).isEqualTo(1);
        assertThat(MCP.tools().error("get_spec_revision", "project", "parity-spec", "name", "auth", "version", 7))
                .isEqualTo("spec 'auth' of project 'parity-spec' has no version 7 (it has versions 1-2)\n"
                        + "fix: call list_specs with project=P, or resolve_spec with project=P and partialName=PART");
        assertThat(MCP.tools().error("get_spec_history", "project", "parity-spec", "name", "nope"))
                .startsWith("spec 'nope' of project 'parity-spec' not found");
    }

    @Test
    void deleteLoopAndCleanWithADryRun() {
        String id = MCP.mcp().store.createLoop(NewLoop.of("parity-delete", LoopType.SPEC)).id();
        assertThat(MCP.tools().ok("delete_loop", "loopId", id)).isEqualTo(HttpToolsTest.json(Map.of("deleted", "loop",
                "id", id)));
        assertThat(MCP.tools().error("get_loop_status", "loopId", id)).startsWith("loop '" + id + "' not found");

        String done = MCP.mcp().store.createLoop(NewLoop.of("parity-clean", LoopType.SPEC)).id();
        MCP.mcp().store.addFeedback(done, CriticFeedback.builder().criticAgent("c").overallScore(99).assessmentSummary("s")
                .build());
        MCP.mcp().store.decide(done);
        MCP.mcp().store.startSession(new NewSession("parity-ended", null, null, null, null, null));
        MCP.mcp().store.endSession("parity-ended");

        List<String> before = store();
        JsonNode dry = MCP.tools().ok("clean_loops", "olderThan", "0s", "dryRun", true);
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("loops").valueStream().map(JsonNode::asText)).contains(done);
        assertThat(MCP.tools().ok("clean_sessions", "olderThan", "0s", "dryRun", true).get("sessions")
                .valueStream().map(JsonNode::asText)).contains("parity-ended");
        assertThat(store()).isEqualTo(before);

        assertThat(MCP.tools().ok("clean_loops", "olderThan", "0s").get("loops").valueStream().map(JsonNode::asText))
                .contains(done);
        assertThat(MCP.tools().ok("clean_sessions", "olderThan", "0s").get("sessions").valueStream().map(JsonNode::asText))
                .contains("parity-ended");
        assertThat(MCP.tools().error("get_loop_status", "loopId", done)).startsWith("loop '" + done + "' not found");
        assertThat(MCP.tools().ok("clean_loops", "olderThan", "3650d").get("loops")).isEmpty();
    }

    @Test
    void hostileArgumentsAreToolErrorsAndChangeNothing() {
        String id = MCP.mcp().store.createLoop(NewLoop.of("parity-hostile", LoopType.SPEC)).id();
        MCP.mcp().store.putSpec("parity-hostile", SpecContent.titled("Auth"));
        List<String> before = store();
        assertThat(MCP.tools().error("list_loops", "status", "finished")).startsWith("invalid arguments of list_loops: ");
        assertThat(MCP.tools().error("list_loops", "type", 5)).startsWith("invalid arguments of list_loops: ");
        assertThat(MCP.tools().error("list_loops", "limit", 0)).contains("limit");
        assertThat(MCP.tools().error("list_loops", "limit", 1001)).contains("limit");
        assertThat(MCP.tools().error("list_loops", "project", "p".repeat(5000)))
                .isEqualTo("invalid project: project = '" + "p".repeat(32) + "...': must be at most 255 characters" + FIX);
        assertThat(MCP.tools().error("list_loops", "cursor", "\u001b[2J")).startsWith("invalid cursor: ");
        assertThat(MCP.tools().error("get_spec_history", "project", "parity-hostile", "name", "auth", "limit", 101))
                .isEqualTo("invalid limit: limit = '101': must be between 1 and 100" + FIX);
        assertThat(MCP.tools().error("get_spec_revision", "project", "parity-hostile", "name", "auth", "version", "1"))
                .startsWith("invalid arguments of get_spec_revision: wrong type for 'version'");
        assertThat(MCP.tools().error("get_spec_revision", "project", "parity-hostile", "name", "auth"))
                .isEqualTo("invalid arguments of get_spec_revision: missing field 'version'" + FIX);
        assertThat(MCP.tools().error("delete_loop", "loopId", "\u0007nope")).contains("not found");
        assertThat(MCP.tools().error("delete_loop", "loopId", List.of(id)))
                .startsWith("invalid arguments of delete_loop: wrong type for 'loopId'");
        assertThat(MCP.tools().error("clean_loops", "olderThan", "forever"))
                .startsWith("invalid olderThan: olderThan = 'forever': must be a number followed by s, m, h, d or w");
        assertThat(MCP.tools().error("clean_loops", "olderThan", "9".repeat(5000) + "d")).contains("olderThan");
        assertThat(MCP.tools().error("clean_sessions", "olderThan", "1d", "dryRun", "yes"))
                .startsWith("invalid arguments of clean_sessions: wrong type for 'dryRun'");
        assertThat(MCP.tools().error("clean_sessions")).isEqualTo("invalid arguments of clean_sessions: missing field "
                + "'olderThan'" + FIX);
        assertThat(store()).isEqualTo(before);
    }
}
