package dev.statekeeper.cli.support;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.json.Json;
import dev.statekeeper.core.json.JsonProblem;

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

    /** The document as a JSON object; malformed JSON is reported with its line and column. */
    public static ObjectNode object(Document doc, String subject) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(doc.text());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String problem = e instanceof JsonParseException ? e.getOriginalMessage() : "more content after the JSON object";
            throw invalid(doc, subject, "malformed JSON" + where + ": " + problem,
                    new Violation("(document)", null, "malformed JSON" + where), at == null ? Map.of()
                            : Map.of("line", at.getLineNr(), "column", at.getColumnNr()));
        }
        if (node == null || node.isMissingNode()) {
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
