package dev.statekeeper.core.internal.domain;

import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How old a finished record must be before a clean removes it ({@code session clean}, {@code loop clean}): the
 * age as text such as {@code 30d}, and the cutoff instant it gives.
 */
public final class Retention {
    /** The longest age a clean takes: 100 years (keeps every cutoff inside what each backend can store). */
    public static final Duration MAX_AGE = Duration.ofDays(36_500);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhdw])");

    private Retention() {
    }

    /**
     * The instant before which finished records are cleaned.
     *
     * @param now       the time of the clean
     * @param olderThan the age, 0 to 100 years
     * @return {@code now} minus the age
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} for a null, negative or over 100 years age
     */
    public static Instant cutoff(Instant now, Duration olderThan) {
        checkAge(olderThan);
        return now.minus(olderThan);
    }

    /**
     * Refuses an age a clean does not take, before anything is looked up (what {@link #cutoff} checks first).
     *
     * @param olderThan the age, 0 to 100 years
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} for a null, negative or over 100 years age
     */
    public static void checkAge(Duration olderThan) {
        if (olderThan == null || olderThan.isNegative()) {
            throw StatekeeperException.invalid("clean", List.of(new Violation("olderThan", olderThan, "must be >= 0")));
        }
        if (olderThan.compareTo(MAX_AGE) > 0) {
            throw StatekeeperException.invalid("clean", List.of(new Violation("olderThan", olderThan,
                    "must be at most 100 years")));
        }
    }

    /**
     * Parses an age as the CLI and the HTTP API take it: {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s},
     * {@code 2w} (blanks around it ignored, any case).
     *
     * @param field the name of the input, as errors name it
     * @param text  the text
     * @return the age
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} for text of another form or an age over
     *         100 years
     */
    public static Duration parseDuration(String field, String text) {
        Matcher m = text == null ? null : DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw StatekeeperException.invalid(field, List.of(new Violation(field, text,
                    "must be a number followed by s, m, h, d or w (e.g. 30d)")));
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (d.compareTo(MAX_AGE) > 0) {
            throw StatekeeperException.invalid(field, List.of(new Violation(field, text, "must be at most 36500d (100 years)")));
        }
        return d;
    }
}
