package dev.statekeeper.core.error;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's exit-code table against {@link ErrorCode} and {@link ExitStatus}: a row per exit code, its
 * meaning opening with the status's, and exactly the error codes that exit with it, in their order. A difference
 * fails with a list of what to change.
 */
class ReadmeExitCodesTest {
    private static final String HEADER = "| exit | meaning | error codes |";
    private static final Pattern CODE = Pattern.compile("`([a-z-]+)`");

    /** One row of the table. */
    private record Row(String meaning, List<String> codes) {
    }

    @Test
    void readmeExitCodeTableMatchesErrorCode() throws IOException {
        Map<Integer, Row> rows = table(Files.readAllLines(Path.of("..", "README.md")));

        assertThat(differences(rows)).as("README.md's exit-code table (under '" + HEADER + "') against ErrorCode")
                .isEmpty();
    }

    @Test
    void everyExitStatusButSuccessHasErrorCodes() {
        assertThat(Arrays.stream(ExitStatus.values()).filter(s -> s != ExitStatus.SUCCESS && s.errorCodes().isEmpty()))
                .isEmpty();
        assertThat(ExitStatus.SUCCESS.errorCodes()).isEmpty();
    }

    @Test
    void anExitCodeOfNoStatusIsRefused() {
        assertThatThrownBy(() -> ExitStatus.of(8))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no exit status has the code 8");
    }

    /** What to change in the README, one line each; empty when the table matches. */
    private static List<String> differences(Map<Integer, Row> rows) {
        List<String> out = new ArrayList<>();
        for (ExitStatus status : ExitStatus.values()) {
            List<String> expected = status.errorCodes().stream().map(ErrorCode::wire).toList();
            Row row = rows.get(status.code());
            if (row == null) {
                out.add("exit " + status.code() + ": no row; add | " + status.code() + " | " + status.meaning()
                        + " | " + backticked(expected) + " |");
                continue;
            }
            if (!row.meaning().startsWith(status.meaning())) {
                out.add("exit " + status.code() + ": the meaning must start with '" + status.meaning() + "', it is '"
                        + row.meaning() + "'");
            }
            TreeSet<String> missing = new TreeSet<>(expected);
            missing.removeAll(row.codes());
            TreeSet<String> extra = new TreeSet<>(row.codes());
            extra.removeAll(expected);
            if (!missing.isEmpty()) {
                out.add("exit " + status.code() + ": missing " + backticked(List.copyOf(missing)));
            }
            if (!extra.isEmpty()) {
                out.add("exit " + status.code() + ": lists " + backticked(List.copyOf(extra)) + ", not "
                        + (extra.size() == 1 ? "an error code" : "error codes") + " of exit " + status.code());
            }
            if (missing.isEmpty() && extra.isEmpty() && !row.codes().equals(expected)) {
                out.add("exit " + status.code() + ": list the codes in ErrorCode's order: " + backticked(expected));
            }
        }
        rows.keySet().stream().filter(code -> Arrays.stream(ExitStatus.values()).noneMatch(s -> s.code() == code))
                .forEach(code -> out.add("exit " + code + ": a row for an exit code that is no ExitStatus"));
        return out;
    }

    /** The rows under the header, by exit code. */
    private static Map<Integer, Row> table(List<String> lines) {
        int at = lines.indexOf(HEADER);
        assertThat(at).as("README.md has a line '" + HEADER + "'").isNotNegative();
        Map<Integer, Row> rows = new LinkedHashMap<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|", -1);
            assertThat(cells).as("README.md line " + (i + 1) + ": three cells").hasSize(5);
            List<String> codes = new ArrayList<>();
            Matcher m = CODE.matcher(cells[3]);
            while (m.find()) {
                codes.add(m.group(1));
            }
            Row previous = rows.put(Integer.parseInt(cells[1].strip()), new Row(cells[2].strip(), codes));
            assertThat(previous).as("README.md line " + (i + 1) + " repeats exit " + cells[1].strip()).isNull();
        }
        return rows;
    }

    private static String backticked(List<String> codes) {
        return String.join(", ", codes.stream().map(c -> "`" + c + "`").toList());
    }
}
