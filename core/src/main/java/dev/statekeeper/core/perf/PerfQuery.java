package dev.statekeeper.core.perf;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.events.EventLog;
import dev.statekeeper.core.events.RequestKeys;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.JsonProblem;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code statekeeper perf}, {@code GET /api/v1/perf} and the MCP tool {@code get_performance} are asked for,
 * read alike by all three: the start of the window, one operation or all, and how many slow operations to list.
 * Anything else is {@link ErrorCode#USAGE} naming the parameter as the interface spells it ({@code --since},
 * {@code since}), with the value quoted (control characters escaped, long values cut).
 *
 * @param since     the start of the window
 * @param operation one {@link StateStore} operation, or null for all
 * @param limit     at most this many slow operations
 */
public record PerfQuery(Instant since, String operation, int limit) {
    /** The window when none is given: the last hour. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    /** The longest window: a year, the longest STATEKEEPER_OPLOG_RETENTION. */
    public static final Duration MAX_WINDOW = Duration.ofDays(365);
    /** How many of the slowest operations {@code perf} lists when not told. */
    public static final int DEFAULT_LIMIT = 10;
    /** How many slow operations {@code perf slow} lists when not told. */
    public static final int DEFAULT_SLOW_LIMIT = 20;
    /** The most slow operations one request may list. */
    public static final int MAX_LIMIT = 1000;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");
    private static final int MAX_TEXT = 64;
    private static final Set<String> OPERATIONS = derive();

    /**
     * A query as the read methods below make it.
     *
     * @throws NullPointerException     without {@code since}
     * @throws IllegalArgumentException for an operation not in {@link #operations()} or a limit outside 1 to
     *                                  {@link #MAX_LIMIT}
     */
    public PerfQuery {
        java.util.Objects.requireNonNull(since, "since");
        if (operation != null && !OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("not a store operation: " + operation);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1-" + MAX_LIMIT);
        }
    }

    /**
     * The names an operation may have: the public abstract methods of {@link StateStore}, but {@code close} (of
     * {@link AutoCloseable}) and {@code archive} (the export SPI, not timed), plus {@code ping}.
     *
     * @return the names, sorted
     */
    public static Set<String> operations() {
        return OPERATIONS;
    }

    private static Set<String> derive() {
        Set<String> names = Arrays.stream(StateStore.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isAbstract(m.getModifiers()))
                .filter(m -> !isClose(m) && m.getReturnType() != Archive.class
                        && m.getReturnType() != EventLog.class && m.getReturnType() != RequestKeys.class)
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        names.add("ping");
        return java.util.Collections.unmodifiableSet(names);
    }

    private static boolean isClose(Method method) {
        try {
            AutoCloseable.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * Reads the start of the window: a duration back from {@code now} ({@code 90s}, {@code 15m}, {@code 1h},
     * {@code 7d}) or an ISO-8601 instant ({@code 2026-12-02T15:00:00Z}), more than 0 and at most
     * {@link #MAX_WINDOW} back.
     *
     * @param name the parameter as the interface spells it
     * @param text the value, or null for {@link #DEFAULT_WINDOW}
     * @param now  the time the window ends
     * @return the start
     * @throws StatekeeperException {@link ErrorCode#USAGE} for anything else
     */
    public static Instant since(String name, String text, Instant now) {
        if (text == null) {
            return now.minus(DEFAULT_WINDOW);
        }
        Matcher m = text.length() > MAX_TEXT ? null : DURATION.matcher(text);
        if (m != null && m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration back = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (back.isZero()) {
                throw usage(name + " " + JsonProblem.quote(text) + ": the window must be longer than 0");
            }
            if (back.compareTo(MAX_WINDOW) > 0) {
                throw tooFar(name, text);
            }
            return now.minus(back);
        }
        Instant at = text.length() > MAX_TEXT ? null : instant(text);
        if (at == null) {
            throw usage(name + " " + JsonProblem.quote(text) + ": use a duration back from now (90s, 15m, 1h, 7d) "
                    + "or an ISO-8601 instant (2026-12-02T15:00:00Z)");
        }
        if (!at.isBefore(now)) {
            throw usage(name + " " + JsonProblem.quote(text) + ": the window must start before now (" + now + ")");
        }
        if (at.isBefore(now.minus(MAX_WINDOW))) {
            throw tooFar(name, text);
        }
        return at;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static StatekeeperException tooFar(String name, String text) {
        return usage(name + " " + JsonProblem.quote(text) + ": at most 365d back (the log keeps no more)");
    }

    /**
     * Reads an operation's name.
     *
     * @param name the parameter as the interface spells it
     * @param text the value, or null for all operations
     * @return the name, or null
     * @throws StatekeeperException {@link ErrorCode#USAGE} naming the valid ones when it is not one
     */
    public static String operation(String name, String text) {
        if (text == null || OPERATIONS.contains(text)) {
            return text;
        }
        throw usage(name + " " + JsonProblem.quote(text) + ": not a store operation; use one of "
                + String.join(", ", OPERATIONS));
    }

    /**
     * Reads how many slow operations to list, given as text (a query parameter, a command-line value).
     *
     * @param name         the parameter as the interface spells it
     * @param text         the value, or null for the default
     * @param defaultLimit the default
     * @return the limit, 1 to {@link #MAX_LIMIT}
     * @throws StatekeeperException {@link ErrorCode#USAGE} for anything else
     */
    public static int limit(String name, String text, int defaultLimit) {
        if (text == null) {
            return defaultLimit;
        }
        long n = text.matches("\\d{1,9}") ? Long.parseLong(text) : -1;
        if (n < 1 || n > MAX_LIMIT) {
            throw limitUsage(name, JsonProblem.quote(text));
        }
        return (int) n;
    }

    /**
     * Reads how many slow operations to list, given as a number (an MCP argument).
     *
     * @param name         the parameter as the interface spells it
     * @param value        the value, or null for the default
     * @param defaultLimit the default
     * @return the limit, 1 to {@link #MAX_LIMIT}
     * @throws StatekeeperException {@link ErrorCode#USAGE} for anything else
     */
    public static int limit(String name, Long value, int defaultLimit) {
        if (value == null) {
            return defaultLimit;
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw limitUsage(name, value.toString());
        }
        return value.intValue();
    }

    private static StatekeeperException limitUsage(String name, String shown) {
        return usage(name + " " + shown + ": use a whole number from 1 to " + MAX_LIMIT);
    }

    private static StatekeeperException usage(String message) {
        return new StatekeeperException(ErrorCode.USAGE, message);
    }
}
