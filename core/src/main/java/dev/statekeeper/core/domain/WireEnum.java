package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum with a stable wire value (what JSON, the CLI and the database store). */
public interface WireEnum {
    /**
     * The stable value: what JSON, the CLI and the database store.
     *
     * @return the wire value, in lower case: {@code in_progress}
     */
    String wire();

    /**
     * Parses a wire value, in any case, with surrounding blanks ignored.
     *
     * @param type  the enum
     * @param field the field it is the value of, as errors name it
     * @param value the wire value
     * @param <E>   the enum's type
     * @return the constant
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} naming the field and the allowed values,
     *         for null or an unknown value
     */
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

    /**
     * The allowed values, as errors list them.
     *
     * @param type the enum
     * @param <E>  the enum's type
     * @return the wire values in declaration order, joined by ", "
     */
    static <E extends Enum<E> & WireEnum> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "));
    }
}
