package dev.statekeeper.core.error;

import java.util.Arrays;
import java.util.List;

/**
 * The exit codes of the {@code statekeeper} command: what each means, and which {@link ErrorCode}s exit with it.
 * {@code statekeeper --help} lists them from here, and a test holds the README's table to them.
 */
public enum ExitStatus {
    /** 0: the command did what it was asked. */
    SUCCESS(0, "success"),
    /** 1: a bug ({@link ErrorCode#INTERNAL}). */
    INTERNAL(1, "internal error (a bug: please report it)"),
    /** 2: the command line, an input file or a setting is wrong. */
    USAGE(2, "usage error or invalid setting"),
    /** 3: a record (or backup) the command names does not exist. */
    NOT_FOUND(3, "not found"),
    /** 4: the input breaks a rule, or conflicts with what is stored. */
    INVALID(4, "invalid input or conflict"),
    /** 5: the store cannot be used now, or the output could not be written. */
    UNAVAILABLE(5, "backend unavailable or output not written"),
    /** 6: the stored data is damaged, drifted or failed a verification. */
    INTEGRITY(6, "integrity problem"),
    /** 7: a wait ended before what it waited for happened ({@code statekeeper loop wait}). */
    TIMED_OUT(7, "a wait timed out");

    private final int code;
    private final String meaning;

    ExitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /**
     * The status of an exit code.
     *
     * @param code the number a process exits with
     * @return its status
     * @throws IllegalArgumentException for a number that is no status's
     */
    public static ExitStatus of(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no exit status has the code " + code));
    }

    /**
     * The number the process exits with.
     *
     * @return 0 to 6
     */
    public int code() {
        return code;
    }

    /**
     * What it means, in a few words.
     *
     * @return the meaning: {@code not found}
     */
    public String meaning() {
        return meaning;
    }

    /**
     * The error codes that exit with this status.
     *
     * @return the codes in their declaration order; none for {@link #SUCCESS}
     */
    public List<ErrorCode> errorCodes() {
        return Arrays.stream(ErrorCode.values()).filter(e -> e.exitStatus() == this).toList();
    }
}
