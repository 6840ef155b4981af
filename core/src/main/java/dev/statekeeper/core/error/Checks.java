package dev.statekeeper.core.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects every violation of one input before anything is written, then throws them together. Each check
 * adds a {@link Violation} when the value breaks its rule and returns this, so checks chain; not thread-safe.
 *
 * <pre>{@code
 * Checks.of("feedback").range("overallScore", score, 0, 100).atLeast("iteration", it, 1).orThrow();
 * }</pre>
 */
public final class Checks {
    private final String subject;
    private final List<Violation> violations = new ArrayList<>();

    private Checks(String subject) {
        this.subject = subject;
    }

    /**
     * Starts the checks of one input.
     *
     * @param subject what is checked, as the message names it: {@code feedback}
     * @return checks with no violation yet
     */
    public static Checks of(String subject) {
        return new Checks(subject);
    }

    /**
     * A number within min..max.
     *
     * @param field the field's name
     * @param value its value
     * @param min   the least allowed
     * @param max   the most allowed
     * @return this, to chain the next check
     */
    public Checks range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            violations.add(new Violation(field, value, "must be between " + min + " and " + max));
        }
        return this;
    }

    /**
     * A number of at least min.
     *
     * @param field the field's name
     * @param value its value
     * @param min   the least allowed
     * @return this, to chain the next check
     */
    public Checks atLeast(String field, long value, long min) {
        if (value < min) {
            violations.add(new Violation(field, value, "must be >= " + min));
        }
        return this;
    }

    /**
     * A whole number that must be given and lie within min..max.
     *
     * @param field the field's name
     * @param value its value, null when missing
     * @param min   the least allowed
     * @param max   the most allowed
     * @return this, to chain the next check
     */
    public Checks requiredRange(String field, Integer value, long min, long max) {
        return value == null ? required(field, null) : range(field, value, min, max);
    }

    /**
     * A whole number that may be left out (null), and otherwise must be at least min.
     *
     * @param field the field's name
     * @param value its value, or null
     * @param min   the least allowed
     * @return this, to chain the next check
     */
    public Checks optionalAtLeast(String field, Integer value, long min) {
        return value == null ? this : atLeast(field, value, min);
    }

    /**
     * A value that must be given: not null, and for text not blank.
     *
     * @param field the field's name
     * @param value its value
     * @return this, to chain the next check
     */
    public Checks required(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            violations.add(new Violation(field, value, "is required"));
        }
        return this;
    }

    /**
     * Required text: not blank, and otherwise as {@link #optionalText}.
     *
     * @param field the field's name
     * @param value its value
     * @param max   the most characters allowed
     * @return this, to chain the next check
     */
    public Checks text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, value, "is required"));
        } else {
            optionalText(field, value, max);
        }
        return this;
    }

    /**
     * Optional text: null is fine, otherwise at most max characters, no NUL character (which C-string databases
     * such as SQLite cut text at) and no lone surrogate (which every backend would store as '?', so two inputs would
     * collide): a backend must store exactly what was given.
     *
     * @param field the field's name
     * @param value its value, or null
     * @param max   the most characters allowed
     * @return this, to chain the next check
     */
    public Checks optionalText(String field, String value, int max) {
        if (value == null) {
            return this;
        }
        if (value.length() > max) {
            violations.add(new Violation(field, value, "must be at most " + max + " characters (has " + value.length() + ")"));
        } else if (value.indexOf('\u0000') >= 0) {
            violations.add(new Violation(field, value.replace('\u0000', '\uFFFD'), "must not contain NUL (\\u0000) characters"));
        } else {
            int lone = loneSurrogate(value);
            if (lone >= 0) {
                violations.add(new Violation(field, value.replaceAll("\\p{Cs}", "\uFFFD"), "must be valid Unicode: a "
                        + "lone surrogate (" + String.format("\\u%04x", (int) value.charAt(lone)) + ") at character "
                        + lone + " (a backend would store it as '?')"));
            }
        }
        return this;
    }

    /** The index of the first surrogate that is not half of a pair, or -1. */
    private static int loneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Every element of a list: present, and optional text of at most max characters. Each violation names the
     * element: {@code keyIssues[2]}.
     *
     * @param field  the list's name
     * @param values the list, or null (no element to check)
     * @param max    the most characters an element may have
     * @return this, to chain the next check
     */
    public Checks textList(String field, List<String> values, int max) {
        for (int i = 0; values != null && i < values.size(); i++) {
            String v = values.get(i);
            if (v == null) {
                violations.add(new Violation(field + "[" + i + "]", null, "is required"));
            } else {
                optionalText(field + "[" + i + "]", v, max);
            }
        }
        return this;
    }

    /**
     * Every value of a map: present, and optional text of at most max characters. Each violation names the key:
     * {@code metadata.agent}.
     *
     * @param field  the map's name
     * @param values the map, or null (no value to check)
     * @param max    the most characters a value may have
     * @return this, to chain the next check
     */
    public Checks textMap(String field, Map<String, String> values, int max) {
        if (values != null) {
            values.forEach((k, v) -> {
                if (k == null || v == null) {
                    violations.add(new Violation(field + "." + k, null, "is required"));
                } else {
                    optionalText(field + "." + k, v, max);
                }
            });
        }
        return this;
    }

    /**
     * Text, when given, that matches a pattern whole.
     *
     * @param field   the field's name
     * @param value   its value, or null (not checked)
     * @param pattern the pattern
     * @param rule    the rule as the message says it: {@code must be 1-64 characters of A-Z, ...}
     * @return this, to chain the next check
     */
    public Checks matches(String field, String value, Pattern pattern, String rule) {
        if (value != null && !pattern.matcher(value).matches()) {
            violations.add(new Violation(field, value, rule));
        }
        return this;
    }

    /**
     * A violation found by a rule of the caller's.
     *
     * @param violation the broken rule
     * @return this, to chain the next check
     */
    public Checks add(Violation violation) {
        violations.add(violation);
        return this;
    }

    /**
     * Whether every check so far passed.
     *
     * @return true when there is no violation
     */
    public boolean ok() {
        return violations.isEmpty();
    }

    /**
     * The violations so far.
     *
     * @return a copy, in the order of the checks
     */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /**
     * Throws the violations, if any, together.
     *
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} naming every violation
     */
    public void orThrow() {
        orThrow(ErrorCode.VALIDATION_FAILED);
    }

    /**
     * Throws the violations, if any, together, with another code.
     *
     * @param code the code, such as {@link ErrorCode#FROZEN_FIELD}
     * @throws StatekeeperException of that code, naming every violation
     */
    public void orThrow(ErrorCode code) {
        if (!violations.isEmpty()) {
            throw StatekeeperException.invalid(code, subject, violations);
        }
    }
}
