package dev.statekeeper.server;

import dev.statekeeper.core.domain.Paging;
import dev.statekeeper.core.domain.WireEnum;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.internal.json.JsonProblem;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Query parameters and headers of a request, checked as strictly as bodies: an unknown parameter, a repeated
 * one, a number that is not one or a value outside an enum is a 400 that names the parameter.
 */
final class Params {
    private Params() {
    }

    /**
     * Refuses any query parameter but the known ones, which its {@link Route} declares (a misspelt filter would
     * silently match everything).
     */
    static void only(Context ctx, Set<String> known) {
        only(ctx, known, Set.of());
    }

    /** As {@link #only(Context, Set)}, with parameters that may be repeated. */
    static void only(Context ctx, Set<String> known, Set<String> repeatable) {
        List<String> unknown = new ArrayList<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!known.contains(name)) {
                unknown.add(name);
            } else if (values.size() > 1 && !repeatable.contains(name)) {
                throw invalid(name, String.join(",", values), "must be given once");
            }
        });
        if (!unknown.isEmpty()) {
            String names = new TreeSet<>(unknown).stream().map(JsonProblem::quote).collect(Collectors.joining(", "));
            String rule = "unknown query parameter" + (unknown.size() > 1 ? "s" : "") + " " + names + " (known: "
                    + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))) + ")";
            throw new StatekeeperException(ErrorCode.VALIDATION_FAILED, "invalid query: " + rule,
                    List.of(new Violation(unknown.getFirst(), null, rule)), Map.of("field", unknown.getFirst()), null);
        }
    }

    static String text(Context ctx, String name) {
        return ctx.queryParam(name);
    }

    static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw invalid(name, value, "is required");
        }
        return value;
    }

    static <E extends Enum<E> & WireEnum> E choice(Context ctx, String name, Class<E> type) {
        String value = ctx.queryParam(name);
        return value == null ? null : WireEnum.parse(type, name, value);
    }

    /** {@code limit} (1-1000, default 50) and {@code offset} (default 0). */
    static Paging paging(Context ctx) {
        return Paging.of(integer(ctx, "limit", 1, Paging.MAX_LIMIT), integer(ctx, "offset", 0, Integer.MAX_VALUE));
    }

    /** The version an {@code If-Match} header names ({@link IfMatch}): the store's {@code expectedVersion}. */
    static Long ifMatch(Context ctx) {
        return IfMatch.version(ctx.header("If-Match"));
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static Integer integer(Context ctx, String name, int min, int max) {
        return ctx.queryParam(name) == null ? null : (int) whole(ctx, name, min, max, 0);
    }

    /** A whole number from {@code min} to {@code max}, or {@code absent} when the parameter is not given. */
    static long whole(Context ctx, String name, long min, long max, long absent) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return absent;
        }
        long number = value.matches("-?\\d{1,18}") ? Long.parseLong(value) : Long.MIN_VALUE;
        if (number < min || number > max) {
            throw invalid(name, value, "must be a whole number from " + min + " to " + max);
        }
        return number;
    }

    /** A 400 naming the query parameter, its value and the rule it breaks. */
    static StatekeeperException invalid(String name, String value, String rule) {
        return StatekeeperException.invalid("query", List.of(new Violation(name, value, rule)));
    }
}
