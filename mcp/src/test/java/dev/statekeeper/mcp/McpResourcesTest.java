package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.testkit.Fixtures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resources, prompts and completions through the MCP Java SDK client over streamable HTTP, on a real SQLite store. */
class McpResourcesTest {
    @RegisterExtension
    static final JettyMcp.PerClass MCP = JettyMcp.perClass();
    static Loop loop;
    static Spec spec;

    @BeforeAll
    static void start() {
        loop = MCP.mcp().store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        spec = MCP.mcp().store.putSpec("demo", Fixtures.spec("Auth service"));
    }

    private static JsonNode read(String uri) throws Exception {
        ReadResourceResult result = MCP.mcp().client.readResource(ReadResourceRequest.builder(uri).build());
        TextResourceContents contents = (TextResourceContents) result.contents().getFirst();
        assertThat(contents.uri()).isEqualTo(uri);
        assertThat(contents.mimeType()).isEqualTo("application/json");
        return Json.mapper().readTree(contents.text());
    }

    @Test
    void theTemplatesNameEveryKindOfRecordAndTheActiveLoopsAreListed() {
        assertThat(MCP.mcp().client.listResourceTemplates().resourceTemplates()).extracting(ResourceTemplate::uriTemplate)
                .containsExactlyInAnyOrder("statekeeper://loops/{id}", "statekeeper://specs/{project}/{name}",
                        "statekeeper://specs/{project}/{name}/revisions", "statekeeper://roadmaps/{project}",
                        "statekeeper://plans/{project}", "statekeeper://sessions/{name}");
        assertThat(MCP.mcp().client.listResources().resources()).extracting(r -> r.uri())
                .containsExactly("statekeeper://loops");
    }

    @Test
    void aRecordIsReadAtItsUriAsTheToolsWouldReturnIt() throws Exception {
        assertThat(read("statekeeper://loops/" + loop.id()).get("id").asText()).isEqualTo(loop.id());
        assertThat(read("statekeeper://specs/demo/" + spec.name()).get("name").asText()).isEqualTo(spec.name());
        assertThat(read("statekeeper://specs/demo/" + spec.name() + "/revisions").size()).isEqualTo(1);
        assertThat(read("statekeeper://loops").get(0).get("id").asText()).isEqualTo(loop.id());
    }

    @Test
    void whatIsNotThereIsResourceNotFoundAndHostileUrisAreToo() {
        for (String uri : new String[] {"statekeeper://loops/nope", "statekeeper://roadmaps/demo",
                "statekeeper://loops/%00%01", "statekeeper://loops/" + "x".repeat(5_000),
                "statekeeper://nothing/here", "file:///etc/passwd"}) {
            assertThatThrownBy(() -> MCP.mcp().client.readResource(ReadResourceRequest.builder(uri).build()))
                    .as(uri.substring(0, Math.min(uri.length(), 60)))
                    .isInstanceOfSatisfying(McpError.class,
                            e -> assertThat(e.getJsonRpcError().code()).isEqualTo(-32002));
        }
        assertThat(MCP.mcp().store.getLoop(loop.id())).as("reading changes nothing").isEqualTo(loop);
    }

    @Test
    void thePromptsWalkTheSeedsWorkflowsByToolName() {
        GetPromptResult refine = MCP.mcp().client.getPrompt(GetPromptRequest.builder("refine_spec_with_critic")
                .arguments(Map.of("project", "demo", "spec", "auth\u0007")).build());
        String steps = ((TextContent) refine.messages().getFirst().content()).text();
        assertThat(steps).startsWith("Refine the spec 'auth?' of project 'demo' with a critic")
                .contains("call initialize_refinement_loop with project=demo and type=spec",
                        "call decide_loop_next_action");

        GetPromptResult resume = MCP.mcp().client.getPrompt(GetPromptRequest.builder("resume_my_work").build());
        assertThat(((TextContent) resume.messages().getFirst().content()).text())
                .contains("- " + loop.id() + ": project demo, spec, ");
    }

    @Test
    void projectNamesComplete() {
        CompleteResult result = MCP.mcp().client.completeCompletion(CompleteRequest.builder(
                new PromptReference("refine_spec_with_critic"), new CompleteRequest.CompleteArgument("project", "de"))
                .build());
        assertThat(result.completion().values()).containsExactly("demo");
        CompleteResult none = MCP.mcp().client.completeCompletion(CompleteRequest.builder(
                new PromptReference("refine_spec_with_critic"), new CompleteRequest.CompleteArgument("spec", "x"))
                .build());
        assertThat(none.completion().values()).isEmpty();
    }
}
