package dev.statekeeper.cli;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exit codes of {@code statekeeper --help}: one entry per exit code, naming every error code that exits with
 * it.
 */
class ExitCodeHelpTest {
    private static final Pattern ENTRY = Pattern.compile("^  (\\d+) +(.*)$");

    @TempDir
    Path dir;

    @Test
    void everyErrorCodeAppearsUnderItsExitCodeInTheHelp() {
        Map<Integer, String> entries = exitCodes(new CliRunner(dir).ok("--help"));

        for (ErrorCode code : ErrorCode.values()) {
            assertThat(entries).as("exit code %d of %s in --help", code.exitCode(), code).containsKey(code.exitCode());
            assertThat(entries.get(code.exitCode()).split("[:,] "))
                    .as("the error codes of exit %d in --help", code.exitCode()).contains(code.wire());
        }
    }

    @Test
    void eachExitCodeSaysWhatItMeansThenListsItsErrorCodesInOrder() {
        Map<Integer, String> expected = new LinkedHashMap<>();
        expected.put(0, "success");
        for (ExitStatus status : ExitStatus.values()) {
            String codes = Arrays.stream(ErrorCode.values()).filter(c -> c.exitCode() == status.code())
                    .map(ErrorCode::wire).collect(Collectors.joining(", "));
            if (!codes.isEmpty()) {
                expected.put(status.code(), status.meaning() + ": " + codes);
            }
        }

        assertThat(exitCodes(new CliRunner(dir).ok("--help"))).containsExactlyEntriesOf(expected);
        assertThat(expected.get(3)).isEqualTo("not found: loop-not-found, spec-not-found, roadmap-not-found, "
                + "plan-not-found, session-not-found, objective-feedback-not-found, link-not-found, backup-not-found");
    }

    /** The "Exit codes:" section of the help, each entry's wrapped lines joined. */
    private static Map<Integer, String> exitCodes(String help) {
        int start = help.indexOf("\nExit codes:\n");
        assertThat(start).as("--help has an 'Exit codes:' section").isNotNegative();
        Map<Integer, String> entries = new LinkedHashMap<>();
        Integer current = null;
        for (String line : help.substring(start + "\nExit codes:\n".length()).split("\n")) {
            if (line.isBlank()) {
                break;
            }
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) {
                current = Integer.parseInt(m.group(1));
                entries.put(current, m.group(2).strip());
            } else {
                assertThat(current).as("a continuation line before any entry: '%s'", line).isNotNull();
                entries.merge(current, line.strip(), (a, b) -> a + " " + b);
            }
        }
        return entries;
    }
}
