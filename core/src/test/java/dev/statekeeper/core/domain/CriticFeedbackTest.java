package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CriticFeedbackTest {

    @Test
    void theBuilderNamesWhatTheConstructorTakesInARow() {
        Instant at = Instant.parse("2026-01-01T00:00:00.000001Z");

        CriticFeedback built = CriticFeedback.builder().criticAgent("c").iteration(1).overallScore(90)
                .assessmentSummary("s").detailedFeedback("d").keyIssues(List.of("i")).recommendations(List.of("r"))
                .timestamp(at).build();

        assertThat(built).isEqualTo(new CriticFeedback("c", 1, 90, "s", "d", List.of("i"), List.of("r"), at));
    }

    @Test
    void unsetFieldsAreWhatTheConstructorMakesOfNull() throws Exception {
        CriticFeedback built = CriticFeedback.builder().criticAgent("c").overallScore(70).assessmentSummary("s").build();

        assertThat(built).isEqualTo(new CriticFeedback("c", null, 70, "s", null, null, null, null));
        assertThat(Json.write(built)).isEqualTo("{\"criticAgent\":\"c\",\"iteration\":null,\"overallScore\":70,"
                + "\"assessmentSummary\":\"s\",\"detailedFeedback\":\"\",\"keyIssues\":[],\"recommendations\":[],"
                + "\"timestamp\":null}");
    }

    @Test
    void theListsAreCopiedWhenBuilt() {
        List<String> issues = new ArrayList<>(List.of("one"));
        CriticFeedback.Builder builder = CriticFeedback.builder().criticAgent("c").overallScore(1)
                .assessmentSummary("s").keyIssues(issues);

        CriticFeedback built = builder.build();
        issues.add("two");

        assertThat(built.keyIssues()).containsExactly("one");
        assertThat(builder.build().keyIssues()).containsExactly("one", "two");
    }

    @Test
    void buildingChecksNothingTheRecordsValidateChecksEverything() {
        CriticFeedback bad = CriticFeedback.builder().criticAgent("").iteration(0).overallScore(-1).build();

        assertThatThrownBy(bad::validate)
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessage("invalid feedback (4 problems): criticAgent = '': is required; iteration = 0: must be >= 1; "
                        + "overallScore = -1: must be between 0 and 100; assessmentSummary = (missing): is required");
    }
}
