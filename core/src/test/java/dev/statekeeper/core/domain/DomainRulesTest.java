package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DomainRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "User Auth_Service!!|user-auth-service",
            "  --Hello   World--  |hello-world",
            "API v2 — Gateway|api-v2-gateway",
            "already-normal|already-normal",
            "!!!|''"})
    void normalizesSpecTitles(String title, String name) {
        assertThat(SpecName.normalize(title)).isEqualTo(name);
    }

    @Test
    void trigramSimilarityMatchesPgTrgm() {
        // SELECT similarity('word', 'two words') = 0.36363637 in PostgreSQL's pg_trgm documentation
        assertThat(Trigrams.similarity("word", "two words")).isCloseTo(0.363636, within(1e-5));
        assertThat(Trigrams.similarity("auth", "auth")).isEqualTo(1.0);
        assertThat(Trigrams.similarity("abc", "xyz")).isZero();
        assertThat(Trigrams.similarity("", "xyz")).isZero();
    }

    @Test
    void feedbackReadFromJsonWithoutAScoreIsRefusedByTheModelNotReadAsZero() throws Exception {
        CriticFeedback read = Json.mapper().readValue("{\"criticAgent\": \"c\", \"assessmentSummary\": \"s\"}",
                CriticFeedback.class);

        assertThat(read.overallScore()).isNull();
        assertThat(read.iteration()).as("left to the store").isNull();
        assertThatThrownBy(read::validate).hasMessage("invalid feedback: overallScore = (missing): is required");
    }

    @Test
    void parsesEnumWireValuesAndNamesTheAllowedOnes() {
        assertThat(LoopType.parse("BUILD_CODE")).isEqualTo(LoopType.BUILD_CODE);
        assertThat(SpecStatus.parse("in-review")).isEqualTo(SpecStatus.IN_REVIEW);
        assertThatThrownBy(() -> LoopType.parse("poem"))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessage("invalid type: type = 'poem': must be one of plan, roadmap, spec, build_plan, build_code, analyst");
    }

    @Test
    void parsesCleanDurations() {
        assertThat(Retention.parseDuration("older-than", "30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Retention.parseDuration("older-than", "12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Retention.parseDuration("older-than", "2w")).isEqualTo(Duration.ofDays(14));
        assertThatThrownBy(() -> Retention.parseDuration("older-than", "soon"))
                .hasMessage("invalid older-than: older-than = 'soon': must be a number followed by s, m, h, d or w (e.g. 30d)");
    }

    @Test
    void everyErrorCodeHasACauseAFixAndAnExitCodeOfTheSpec() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.cause()).isNotBlank();
            assertThat(code.fix()).isNotBlank();
            assertThat(code.exitCode()).isBetween(1, 6);
        }
        assertThat(ErrorCode.LOOP_NOT_FOUND.exitCode()).isEqualTo(3);
        assertThat(ErrorCode.VALIDATION_FAILED.exitCode()).isEqualTo(4);
        assertThat(ErrorCode.DATABASE_BUSY.exitCode()).isEqualTo(5);
        assertThat(ErrorCode.CORRUPT.exitCode()).isEqualTo(6);
        assertThat(ErrorCode.LOOP_NOT_FOUND.wire()).isEqualTo("loop-not-found");
    }
}
