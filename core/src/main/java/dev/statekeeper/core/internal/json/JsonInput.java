package dev.statekeeper.core.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.util.List;
import java.util.Map;

/**
 * One JSON object from outside (a CLI document, an HTTP body) read into a domain record with {@link StrictJson} and
 * the strict mapper. Any problem is VALIDATION_FAILED, before anything is written, worded
 * {@code invalid <subject> JSON (<source>): <problem>} with the field (or line and column) named: bytes that are not
 * UTF-8, malformed JSON, a lone surrogate or NUL in a string, an empty input, a value that is not an object, unknown
 * fields, wrong types, bad enum values, a required field missing.
 */
public final class JsonInput {
    private static final Violation NOT_AN_OBJECT = new Violation("(document)", null, "must be a JSON object");

    private final String subject;
    private final String source;
    private final String whole;
    private final String empty;

    private JsonInput(String subject, String source, String whole, String empty) {
        this.subject = subject;
        this.source = source;
        this.whole = whole;
        this.empty = empty;
    }

    /**
     * A document named on the command line.
     *
     * @param subject what it holds, e.g. {@code spec}
     * @param source  where it comes from, e.g. {@code stdin} or a file name
     */
    public static JsonInput document(String subject, String source) {
        return new JsonInput(subject, source, "document", "the input");
    }

    /** A request body, e.g. of subject {@code loop}; messages name no source. */
    public static JsonInput body(String subject) {
        return new JsonInput(subject, null, "body", "the body");
    }

    /** The text as a {@code type}. */
    public <T> T read(String text, Class<T> type) {
        return convert(object(text), type);
    }

    /** The bytes, strictly UTF-8, as a JSON object. */
    public ObjectNode object(byte[] bytes) {
        try {
            return object(StrictJson.read(bytes));
        } catch (JsonInputException e) {
            throw invalid(e.getMessage(), e.violation(), e.details());
        }
    }

    /** The text as a JSON object: malformed JSON is reported with its line and column, a bad string with its field. */
    public ObjectNode object(String text) {
        try {
            return object(StrictJson.read(text));
        } catch (JsonInputException e) {
            throw invalid(e.getMessage(), e.violation(), e.details());
        }
    }

    /** The object as a {@code type}: an unknown field, a wrong type or a bad value is named with its path. */
    public <T> T convert(ObjectNode node, Class<T> type) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            JsonProblem problem = JsonProblem.of(e, node, whole);
            throw invalid(problem.message(), problem.violation(), Map.of("field", problem.violation().field()));
        }
    }

    /** A field the object must have (not null); its absence is reported like any other problem. */
    public void require(ObjectNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw invalid("missing field '" + field + "'", new Violation(field, null, "is required"),
                    Map.of("field", field));
        }
    }

    private ObjectNode object(JsonNode node) {
        if (node == null) {
            throw invalid(empty + " is empty; expected a JSON object", NOT_AN_OBJECT, Map.of());
        }
        if (!node.isObject()) {
            throw invalid("expected a JSON object, got " + JsonProblem.describe(node), NOT_AN_OBJECT, Map.of());
        }
        return (ObjectNode) node;
    }

    private StatekeeperException invalid(String problem, Violation violation, Map<String, Object> details) {
        return new StatekeeperException(ErrorCode.VALIDATION_FAILED, "invalid " + subject + " JSON"
                + (source == null ? "" : " (" + source + ")") + ": " + problem, List.of(violation), details, null);
    }
}
