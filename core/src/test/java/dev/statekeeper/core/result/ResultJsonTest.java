package dev.statekeeper.core.result;

import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON of each result: the field names and order every adapter prints. */
class ResultJsonTest {

    @Test
    void resultsKeepTheirFieldsInOrder() {
        assertThat(Json.write(new ObjectiveFeedback("l-1", "ship it")))
                .isEqualTo("{\"loopId\":\"l-1\",\"text\":\"ship it\"}");
        assertThat(Json.write(new SpecLinked("l-1", "p", "user-auth")))
                .isEqualTo("{\"loopId\":\"l-1\",\"project\":\"p\",\"name\":\"user-auth\"}");
        assertThat(Json.write(new LoopUnlinked("l-1"))).isEqualTo("{\"loopId\":\"l-1\",\"unlinked\":true}");
        assertThat(Json.write(new LoopDeleted("l-1"))).isEqualTo("{\"deleted\":\"loop\",\"id\":\"l-1\"}");
        assertThat(Json.write(new SpecDeleted("p", "user-auth")))
                .isEqualTo("{\"deleted\":\"spec\",\"project\":\"p\",\"name\":\"user-auth\"}");
        assertThat(Json.write(new PlanDeleted("p"))).isEqualTo("{\"deleted\":\"plan\",\"project\":\"p\"}");
        assertThat(Json.write(new LoopsCleaned("30d", true, List.of("a", "b"))))
                .isEqualTo("{\"olderThan\":\"30d\",\"dryRun\":true,\"loops\":[\"a\",\"b\"]}");
        assertThat(Json.write(new SessionsCleaned("1h", false, List.of())))
                .isEqualTo("{\"olderThan\":\"1h\",\"dryRun\":false,\"sessions\":[]}");
    }

    @Test
    void aMissingValueIsWrittenAsNull() {
        assertThat(Json.write(new ObjectiveFeedback("l-1", null))).isEqualTo("{\"loopId\":\"l-1\",\"text\":null}");
    }
}
