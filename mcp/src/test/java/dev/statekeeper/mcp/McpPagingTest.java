package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.SpecContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Results sized for a context window, through the Java SDK client over streamable HTTP: pages and cursors. */
class McpPagingTest {
    @RegisterExtension
    static final JettyMcp.PerClass MCP = JettyMcp.perClass();

    @Test
    void loopStatusPagesItsFeedbackNewestFirst() {
        String id = MCP.mcp().store.createLoop(NewLoop.of("paging", LoopType.BUILD_CODE)).id();
        for (int i = 1; i <= 25; i++) {
            MCP.mcp().store.addFeedback(id, CriticFeedback.builder().criticAgent("c").overallScore(i)
                    .assessmentSummary("round " + i).build());
        }
        JsonNode first = MCP.tools().ok("get_loop_status", "loopId", id);
        assertThat(first.at("/loop/feedbackCount").asInt()).isEqualTo(25);
        assertThat(first.at("/feedback/total").asInt()).isEqualTo(25);
        assertThat(first.at("/feedback/items").valueStream().map(f -> f.get("overallScore").asInt()))
                .containsExactly(25, 24, 23, 22, 21, 20, 19, 18, 17, 16);

        List<Integer> scores = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = cursor == null ? MCP.tools().ok("get_loop_status", "loopId", id, "feedbackLimit", 7)
                    : MCP.tools().ok("get_loop_status", "loopId", id, "feedbackLimit", 7, "cursor", cursor);
            page.at("/feedback/items").forEach(f -> scores.add(f.get("overallScore").asInt()));
            cursor = page.at("/feedback/nextCursor").isNull() ? null : page.at("/feedback/nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(4);
        assertThat(scores).hasSize(25).isSortedAccordingTo((a, b) -> b - a);
    }

    @Test
    void hostilePagingArgumentsAreToolErrors() {
        String id = MCP.mcp().store.createLoop(NewLoop.of("paging-hostile", LoopType.SPEC)).id();
        String fix = "\nfix: correct the named fields and retry";
        assertThat(MCP.tools().error("get_loop_status", "loopId", id, "feedbackLimit", 0))
                .isEqualTo("invalid feedbackLimit: feedbackLimit = '0': must be between 1 and 100" + fix);
        assertThat(MCP.tools().error("get_loop_status", "loopId", id, "feedbackLimit", 101))
                .isEqualTo("invalid feedbackLimit: feedbackLimit = '101': must be between 1 and 100" + fix);
        assertThat(MCP.tools().error("get_loop_status", "loopId", id, "feedbackLimit", "10"))
                .startsWith("invalid arguments of get_loop_status: wrong type for 'feedbackLimit'");
        assertThat(MCP.tools().error("get_loop_status", "loopId", id, "cursor", "b2Zmc2V0Oi0x"))
                .startsWith("invalid cursor: cursor = 'b2Zmc2V0Oi0x': is not a cursor this server gave");
        assertThat(MCP.tools().error("get_loop_status", "loopId", id, "cursor", "x".repeat(40)))
                .startsWith("invalid cursor: cursor = '" + "x".repeat(32) + "...'").hasSizeLessThan(300);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Listing.offset("x".repeat(1_000_000))))
                .hasMessageStartingWith("invalid cursor: cursor = '" + "x".repeat(32) + "...'");
        assertThat(MCP.tools().error("list_specs", "project", "p", "cursor", "\u001b[2J\u0007"))
                .startsWith("invalid cursor: cursor = ");
        assertThat(MCP.tools().error("list_sessions", "cursor", 5)).startsWith("invalid arguments of list_sessions: "
                + "wrong type for 'cursor'");
    }

    @Test
    void listsShareOneShapeAndDocumentsOmitTheirEmptyFields() {
        for (int i = 0; i < 3; i++) {
            MCP.mcp().store.putSpec("paging-specs", SpecContent.titled("Spec " + i));
        }
        JsonNode first = MCP.tools().ok("list_specs", "project", "paging-specs", "limit", 2);
        assertThat(first.get("total").asInt()).isEqualTo(3);
        assertThat(first.get("items")).hasSize(2);
        JsonNode second = MCP.tools().ok("list_specs", "project", "paging-specs", "limit", 2, "cursor",
                first.get("nextCursor").asText());
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(second.at("/items/0/content")).isEqualTo(HttpToolsTest.json(Map.of("title", "Spec 2",
                "status", "draft")));
        for (String list : List.of("list_active_loops", "list_sessions", "list_project_plans")) {
            assertThat(names(MCP.tools().ok(list))).as(list).containsExactly("items", "total", "nextCursor");
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
