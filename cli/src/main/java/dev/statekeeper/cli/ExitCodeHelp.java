package dev.statekeeper.cli;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.ExitStatus;
import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The exit codes of {@code statekeeper --help}, built from core's {@link ExitStatus}es and the {@link ErrorCode}s
 * that exit with each (by the wire names {@code --json} errors show), so the list cannot fall behind the codes.
 */
final class ExitCodeHelp {
    private ExitCodeHelp() {
    }

    /** Adds the list to the root command's help. */
    static void install(CommandLine root) {
        root.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(list());
    }

    /** Each exit code with what it means and its error codes: {@code 3 -> not found: loop-not-found, ...}. */
    static Map<String, String> list() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitStatus status : ExitStatus.values()) {
            List<ErrorCode> codes = status.errorCodes();
            list.put(String.valueOf(status.code()), codes.isEmpty() ? status.meaning()
                    : status.meaning() + ": " + codes.stream().map(ErrorCode::wire).collect(Collectors.joining(", ")));
        }
        return list;
    }
}
