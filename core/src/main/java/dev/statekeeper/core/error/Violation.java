package dev.statekeeper.core.error;

import java.util.Objects;

/** One broken rule: which field, the value it had, and the rule it broke. */
public record Violation(String field, Object value, String rule) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return field + " = " + render(value) + ": " + rule;
    }

    private static String render(Object value) {
        if (value == null) {
            return "(missing)";
        }
        if (value instanceof CharSequence s) {
            String text = s.length() > 60 ? s.subSequence(0, 57) + "..." : s.toString();
            return "'" + text + "'";
        }
        return String.valueOf(value);
    }
}
