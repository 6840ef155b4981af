package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum with a stable wire value (what JSON, the CLI and the database store). */
public interface WireEnum {
    String wire();

    /** Parses a wire value (case-insensitive); names the field and the allowed values when it is unknown. */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String field, String value) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (E e : type.getEnumConstants()) {
                if (e.wire().equals(wanted)) {
                    return e;
                }
            }
        }
        throw StatekeeperException.invalid(field, List.of(new Violation(field, value, "must be one of " + allowed(type))));
    }

    static <E extends Enum<E> & WireEnum> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "));
    }
}
