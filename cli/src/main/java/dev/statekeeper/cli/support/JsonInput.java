package dev.statekeeper.cli.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.json.Json;
import dev.statekeeper.core.json.JsonInputException;
import dev.statekeeper.core.json.JsonProblem;
import dev.statekeeper.core.json.StrictJson;

import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document given on the command line into a domain record. Any problem is a VALIDATION_FAILED
 * whose message says where (field path, or line and column) and what is wrong, before anything is written.
 */
public final class JsonInput {
    private JsonInput() {
    }

    public static <T> T read(Document doc, String subject, Class<T> type) {
        return convert(object(doc, subject), doc, subject, type);
    }

    /**
     * The document as a JSON object, read by {@link StrictJson}: malformed JSON is reported with its line and column,
     * a lone surrogate or NUL in a string with its field.
     */
    public static ObjectNode object(Document doc, String subject) {
        JsonNode node;
        try {
            node = StrictJson.read(doc.text());
        } catch (JsonInputException e) {
            throw invalid(doc, subject, e.getMessage(), e.violation(), e.details());
        }
        if (node == null) {
            throw invalid(doc, subject, "the input is empty; expected a JSON object",
                    new Violation("(document)", null, "must be a JSON object"), Map.of());
        }
        if (!node.isObject()) {
            throw invalid(doc, subject, "expected a JSON object, got " + JsonProblem.describe(node),
                    new Violation("(document)", null, "must be a JSON object"), Map.of());
        }
        return (ObjectNode) node;
    }

    public static <T> T convert(ObjectNode node, Document doc, String subject, Class<T> type) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            JsonProblem problem = JsonProblem.of(e, node, "document");
            throw invalid(doc, subject, problem.message(), problem.violation(), Map.of("field", problem.violation().field()));
        }
    }

    private static StatekeeperException invalid(Document doc, String subject, String problem, Violation violation,
                                                Map<String, Object> details) {
        return new StatekeeperException(ErrorCode.VALIDATION_FAILED,
                "invalid " + subject + " JSON (" + doc.source() + "): " + problem, List.of(violation), details, null);
    }
}
