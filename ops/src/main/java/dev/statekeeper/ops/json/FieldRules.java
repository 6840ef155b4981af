package dev.statekeeper.ops.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.domain.WireEnum;
import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The rules a field of a json store's record must keep (a key present and not repeated, a whole number in range, a
 * status among the domain's values), and the findings of the records that break them, placed by their JSON path.
 */
final class FieldRules {
    static final String BY_HAND = "correct it in the file by hand; --repair does not guess values";

    private final String file;
    private final List<Finding> findings = new ArrayList<>();

    FieldRules(String file) {
        this.file = file;
    }

    List<Finding> findings() {
        return findings;
    }

    void add(Finding finding) {
        findings.add(finding);
    }

    /** The record's key field, or null (and an error) when it is missing or repeats one before it. */
    String key(String where, String kind, JsonNode record, String field, Set<String> seen) {
        String key = Doc.text(record, field);
        if (key == null) {
            error(Check.JSON_FORMAT, where, "a " + kind + " without its " + field, "delete the record by hand, or run "
                    + "'statekeeper db recover'");
            return null;
        }
        if (!seen.add(key)) {
            error(Check.DUPLICATES, where, kind + " '" + key + "' appears more than once", "keep one of them by hand");
            return null;
        }
        return key;
    }

    void range(String where, String what, JsonNode record, String field, long min, long max) {
        JsonNode value = record.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < min
                || value.asLong() > max) {
            String rule = max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
            error(Check.VALUES, where, what + ": " + field + " is " + value + ", which must be " + rule, BY_HAND);
        }
    }

    <E extends Enum<E> & WireEnum> void oneOf(String where, String what, JsonNode record, String field, Class<E> type) {
        oneOf(where, what, record, field, type, false);
    }

    /** A status among the domain's values; a document's status may be left out (it then has the default). */
    <E extends Enum<E> & WireEnum> void oneOf(String where, String what, JsonNode record, String field, Class<E> type,
                                             boolean optional) {
        String value = Doc.text(record, field);
        if (optional && record.path(field).isMissingNode()) {
            return;
        }
        if (Arrays.stream(type.getEnumConstants()).noneMatch(e -> e.wire().equals(value))) {
            error(Check.VALUES, where, what + ": " + field + " is " + record.get(field) + ", which must be one of "
                    + WireEnum.allowed(type), BY_HAND);
        }
    }

    void error(Check check, String where, String what, String fix) {
        findings.add(Finding.error(check, file + " " + where, what, fix));
    }
}
