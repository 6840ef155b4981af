package dev.statekeeper.ops;

import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks' wire names are part of {@code db verify --json}'s output: they stay what they were as strings. */
class CheckTest {

    @Test
    void everyCheckKeepsItsWireName() {
        assertThat(Arrays.stream(Check.values()).map(Check::wire)).containsExactly("file", "schema", "integrity",
                "foreign-keys", "records", "orphans", "values", "feedback-count", "history", "revisions", "roadmap", "events",
                "duplicates", "json-syntax", "json-format", "json-model");
    }

    @Test
    void aFindingShowsItsCheckByWireNameInJson() {
        Finding finding = Finding.error(Check.FEEDBACK_COUNT, "loop_states id='a'", "2 entries", "repair it");

        assertThat(Json.write(finding)).isEqualTo("{\"severity\":\"error\",\"check\":\"feedback-count\","
                + "\"where\":\"loop_states id='a'\",\"what\":\"2 entries\",\"fix\":\"repair it\"}");
    }
}
