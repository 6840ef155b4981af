package dev.statekeeper.core.error;

import java.util.Objects;

/**
 * One broken rule: which field, the value it had, and the rule it broke. A text value longer than {@link #MAX_VALUE}
 * characters is kept cut to that length (ending in "..."), so an error never carries a huge input back.
 *
 * @param field the field, as the input names it ({@code overallScore}, {@code keyIssues[2]}, a setting's variable)
 * @param value the value it had, null when it was missing
 * @param rule  the rule it broke: {@code must be between 0 and 100}
 */
public record Violation(String field, Object value, String rule) {
    /** The longest text value a violation keeps. */
    public static final int MAX_VALUE = 200;

    /**
     * Cuts a long text value to {@link #MAX_VALUE} characters.
     *
     * @throws NullPointerException when the field or the rule is null
     */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        if (value instanceof CharSequence text && text.length() > MAX_VALUE) {
            value = text.subSequence(0, MAX_VALUE - 3) + "...";
        }
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
