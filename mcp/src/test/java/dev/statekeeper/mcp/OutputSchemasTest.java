package dev.statekeeper.mcp;

import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.internal.json.Json;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputSchemasTest {
    private static final DefaultJsonSchemaValidator VALIDATOR = new DefaultJsonSchemaValidator();

    @Test
    void everyToolHasATitleAndAValidObjectOutputSchema() {
        for (ToolDef<?> tool : Tools.ALL) {
            var listed = Tools.tool(tool);
            assertThat(listed.title()).as(tool.name()).isNotBlank();
            assertThat(listed.outputSchema()).as(tool.name()).containsEntry("type", "object");
            assertThat(VALIDATOR.validateSchema(listed.outputSchema()).valid()).as(tool.name()).isTrue();
        }
        assertThat(Tools.ALL.getFirst().title()).isEqualTo("Initialize refinement loop");
    }

    @Test
    void recordsBecomeObjectsWithTheirPropertiesEnumsAndDateTimes() {
        Map<String, Object> loop = OutputSchemas.of(ToolDef.type(Loop.class));
        assertThat(property(loop, "status")).isEqualTo(Map.of("enum", java.util.Arrays.asList("initialized",
                "in_progress", "completed", "user_input", "refine", null)));
        assertThat(property(loop, "currentScore")).isEqualTo(Map.of("type", "integer"));
        assertThat(property(loop, "createdAt")).isEqualTo(Map.of("type", List.of("string", "null"), "format", "date-time"));
        assertThat(property(loop, "feedback")).containsEntry("type", List.of("array", "null"));

        Map<String, Object> page = OutputSchemas.of(ToolDef.page(Spec.class));
        assertThat(((Map<?, ?>) page.get("properties")).keySet().stream().map(String::valueOf).toList()).containsExactly("items", "total", "limit", "offset");
        Map<String, Object> listing = OutputSchemas.of(ToolDef.listing(LoopSummary.class));
        assertThat(((Map<?, ?>) listing.get("properties")).keySet().stream().map(String::valueOf).toList()).containsExactly("items", "total", "nextCursor");
    }

    @Test
    void theSchemaAcceptsWhatTheStoreWritesAndRefusesOtherwise() throws Exception {
        Loop loop = new Loop("abcd1234", "p", LoopType.SPEC, LoopStatus.REFINE, 70, List.of(70), 2, List.of(),
                Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:05Z"), 3);
        Map<String, Object> schema = OutputSchemas.of(ToolDef.type(Loop.class));
        Map<String, Object> written = ToolCall.structured(Json.write(loop));
        assertThat(VALIDATOR.validate(schema, written).valid()).isTrue();

        Map<String, Object> wrong = new LinkedHashMap<>(written);
        wrong.put("status", "finished");
        assertThat(VALIDATOR.validate(schema, wrong).valid()).isFalse();
        wrong.put("status", "refine");
        wrong.put("currentScore", "70");
        assertThat(VALIDATOR.validate(schema, wrong).valid()).isFalse();
    }

    @Test
    void aResultThatIsNotAnObjectIsABugFoundAtStart() {
        assertThatThrownBy(() -> OutputSchemas.of(Json.mapper().getTypeFactory().constructCollectionType(List.class,
                Loop.class))).hasMessageStartingWith("a tool's result must be an object, not ");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> property(Map<String, Object> schema, String name) {
        return ((Map<String, Map<String, Object>>) schema.get("properties")).get(name);
    }
}
