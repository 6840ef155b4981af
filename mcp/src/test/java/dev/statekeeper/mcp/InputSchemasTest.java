package dev.statekeeper.mcp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputSchemasTest {

    @Test
    void everyToolHasASchemaWhoseEveryPropertyIsDescribed() {
        assertThat(Tools.ALL).extracting(ToolDef::name).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).matches("[a-z]+(_[a-z]+)*"));
        for (ToolDef<?> tool : Tools.ALL) {
            assertThat(Tools.tool(tool).inputSchema()).as(tool.name()).containsEntry("type", "object");
        }
    }

    @Test
    void argumentsBecomePropertiesWithTypesDescriptionsAndTheRequiredList() {
        Map<String, Object> schema = InputSchemas.of(LoopTools.StoreFeedback.class);
        assertThat(schema.get("required")).isEqualTo(List.of("loopId", "criticAgent", "overallScore", "assessmentSummary"));
        assertThat(property(schema, "overallScore")).isEqualTo(Map.of("type", "integer", "minimum", 0L, "maximum", 100L,
                "description", "the overall score"));
        assertThat(property(schema, "iteration")).containsEntry("minimum", 1L).doesNotContainKey("maximum");
        assertThat(property(schema, "criticAgent")).containsEntry("maxLength", 100);
        assertThat(property(schema, "expectedVersion")).containsEntry("minimum", 1L);
        assertThat(property(schema, "keyIssues")).containsEntry("type", "array").containsEntry("items", Map.of("type", "string"));

        assertThat(property(InputSchemas.of(LoopTools.InitializeLoop.class), "type"))
                .containsEntry("enum", List.of("plan", "roadmap", "spec", "build_plan", "build_code", "analyst"));
        assertThat(property(InputSchemas.of(SessionTools.StartSession.class), "metadata"))
                .containsEntry("type", "object").containsEntry("additionalProperties", Map.of("type", "string"));
    }

    @Test
    void documentsAreNestedObjectsDescribedFieldByField() {
        Map<String, Object> spec = property(InputSchemas.of(SpecTools.StoreSpec.class), "spec");
        assertThat(spec).containsEntry("type", "object").containsEntry("additionalProperties", false);
        assertThat(property(spec, "objectives").get("description")).isEqualTo("what the spec must achieve; frozen after the first version");
        assertThat(property(spec, "status").get("enum")).isEqualTo(List.of("draft", "in-review", "approved",
                "implementation-ready", "in-development", "completed"));
        Map<String, Object> roadmap = property(InputSchemas.of(DocumentTools.StoreRoadmap.class), "roadmap");
        assertThat(property(roadmap, "criticalPathAnalysis")).isEqualTo(Map.of("type", "string"));
    }

    @Test
    void limitsOffsetsAndClosedSetsCarryTheirBoundsInTheSchema() {
        Map<String, Object> specs = InputSchemas.of(SpecTools.ListSpecs.class);
        assertThat(property(specs, "limit")).containsEntry("minimum", 1L).containsEntry("maximum", 1000L);
        assertThat(property(specs, "cursor")).containsEntry("maxLength", Listing.MAX_CURSOR);
        assertThat(property(InputSchemas.of(LoopTools.LoopStatusArgs.class), "feedbackLimit"))
                .containsEntry("minimum", 1L).containsEntry("maximum", 100L);
        assertThat(property(specs, "project")).containsEntry("maxLength", 255);
        assertThat(property(specs, "status").get("enum")).isEqualTo(List.of("draft", "in-review", "approved",
                "implementation-ready", "in-development", "completed"));
        assertThat(property(InputSchemas.of(SessionTools.ListSessions.class), "status")).containsKey("enum");
        assertThat(property(InputSchemas.of(DoctorTool.RunDoctor.class), "failOn").get("enum"))
                .isEqualTo(List.of("P0", "P1", "P2", "P3"));
        assertThat(property(InputSchemas.of(PerfTool.GetPerformance.class), "limit")).containsEntry("maximum", 1000L);
    }

    record Undescribed(@Arg("fine") String described, String forgotten) {
    }

    @Test
    void anArgumentWithoutADescriptionIsABugFoundAtStart() {
        assertThatThrownBy(() -> InputSchemas.of(Undescribed.class))
                .hasMessage(Undescribed.class.getName() + ".forgotten has no @Arg description");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> property(Map<String, Object> schema, String name) {
        return ((Map<String, Map<String, Object>>) schema.get("properties")).get(name);
    }
}
