package dev.statekeeper.core.error;

import java.util.Arrays;
import java.util.List;

/**
 * The exit codes of the {@code statekeeper} command: what each means, and which {@link ErrorCode}s exit with it.
 * {@code statekeeper --help} lists them from here, and a test holds the README's table to them.
 */
public enum ExitStatus {
    SUCCESS(0, "success"),
    INTERNAL(1, "internal error (a bug: please report it)"),
    USAGE(2, "usage error or invalid setting"),
    NOT_FOUND(3, "not found"),
    INVALID(4, "invalid input or conflict"),
    UNAVAILABLE(5, "backend unavailable or output not written"),
    INTEGRITY(6, "integrity problem");

    private final int code;
    private final String meaning;

    ExitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The status of an exit code; fails for a number that is none of them. */
    public static ExitStatus of(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no exit status has the code " + code));
    }

    /** The number the process exits with. */
    public int code() {
        return code;
    }

    /** What it means, in a few words: {@code not found}. */
    public String meaning() {
        return meaning;
    }

    /** The error codes that exit with this status, in their declaration order; none for {@link #SUCCESS}. */
    public List<ErrorCode> errorCodes() {
        return Arrays.stream(ErrorCode.values()).filter(e -> e.exitStatus() == this).toList();
    }
}
