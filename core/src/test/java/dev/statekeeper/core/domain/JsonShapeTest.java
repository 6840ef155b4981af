package dev.statekeeper.core.domain;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonShapeTest {

    @Test
    void feedbackRoundTripsWithIsoTimestampsAndWireEnums() throws Exception {
        CriticFeedback fb = new CriticFeedback("c", 1, 90, "s", "d", List.of("i"), List.of("r"),
                Instant.parse("2026-01-01T00:00:00.000001Z"));

        String json = Json.write(fb);

        assertThat(json).contains("\"timestamp\":\"2026-01-01T00:00:00.000001Z\"");
        assertThat(Json.mapper().readValue(json, CriticFeedback.class)).isEqualTo(fb);
        assertThat(Json.write(LoopType.BUILD_CODE)).isEqualTo("\"build_code\"");
    }

    @Test
    void refusesUnknownFieldsAndSilentCoercions() {
        assertThatThrownBy(() -> Json.mapper().readValue("{\"title\":\"t\",\"colour\":\"red\"}", SpecContent.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> Json.mapper().readValue(
                "{\"criticAgent\":\"c\",\"iteration\":1,\"overallScore\":\"80\",\"assessmentSummary\":\"s\"}",
                CriticFeedback.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> Json.mapper().readValue(
                "{\"criticAgent\":\"c\",\"iteration\":1,\"overallScore\":3.7,\"assessmentSummary\":\"s\"}",
                CriticFeedback.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> Json.mapper().readValue("{\"title\":\"t\",\"status\":\"finished\"}", SpecContent.class))
                .isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class)
                .hasMessageContaining("status = 'finished': must be one of draft, in-review");
    }
}
