package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statekeeper.core.perf.PerfQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code statekeeper perf} and {@code perf slow}, in-process, on SQLite and memory. */
class PerfCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROCESS_ONLY = "this process only: the operation log is not kept in the store (memory "
            + "backend, or STATEKEEPER_OPLOG=false), so it shows what this process ran\n";

    @TempDir
    Path dir;

    @Test
    void onMemoryItSaysTheLogIsThisProcessOnly() {
        CliRunner cli = new CliRunner(dir).env("STATEKEEPER_BACKEND", "memory");
        String since = cli.clock.instant().minusSeconds(3600).toString();

        assertThat(cli.ok("perf")).isEqualTo("no operations since " + since + "\n\n"
                + "no operation took 1000 ms or more since " + since + " (STATEKEEPER_SLOW_OPERATION_MS)\n"
                + PROCESS_ONLY);
        assertThat(cli.ok("perf", "slow", "--since", "15m")).isEqualTo("no operation took 1000 ms or more since "
                + cli.clock.instant().minusSeconds(900) + " (STATEKEEPER_SLOW_OPERATION_MS)\n" + PROCESS_ONLY);
        assertThat(cli.env("STATEKEEPER_SLOW_OPERATION_MS", "250").ok("perf", "--operation", "getLoop"))
                .isEqualTo("no getLoop since " + since + "\n\n"
                        + "no getLoop operation took 250 ms or more since " + since
                        + " (STATEKEEPER_SLOW_OPERATION_MS)\n" + PROCESS_ONLY);
    }

    @Test
    void jsonHasTheSharedShape() throws Exception {
        CliRunner cli = new CliRunner(dir).env("STATEKEEPER_BACKEND", "memory");
        cli.ok("init");

        JsonNode report = JSON.readTree(cli.ok("perf", "--json", "--since", "2h", "--operation", "decide"));
        List<String> keys = new ArrayList<>();
        report.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("since", "until", "operation", "scope", "persistent", "problem",
                "slowThresholdMs", "operations", "slowest");
        assertThat(report.get("since").asText()).isEqualTo(cli.clock.instant().minusSeconds(7200).toString());
        assertThat(report.get("until").asText()).isEqualTo(cli.clock.instant().toString());
        assertThat(report.get("operation").asText()).isEqualTo("decide");
        assertThat(report.get("scope").asText()).isEqualTo("process");
        assertThat(report.get("persistent").asBoolean()).isFalse();
        assertThat(report.get("problem").isNull()).isTrue();
        assertThat(report.get("slowThresholdMs").asLong()).isEqualTo(1000);
        assertThat(report.get("operations").isArray()).isTrue();
        assertThat(report.get("slowest").isArray()).isTrue();

        JsonNode slow = JSON.readTree(cli.ok("perf", "slow", "--json", "--limit", "1000"));
        assertThat(slow.has("operations")).isFalse();
        assertThat(slow.get("slowest").isArray()).isTrue();
    }

    @Test
    void everyParameterRefusesHostileValuesWithAUsageError() {
        CliRunner cli = new CliRunner(dir);
        String sinceRule = ": use a duration back from now (90s, 15m, 1h, 7d) or an ISO-8601 instant "
                + "(2026-12-02T15:00:00Z)";
        assertUsage(cli.run("perf", "--since", "yesterday"), "--since \"yesterday\"" + sinceRule);
        assertUsage(cli.run("perf", "--since", "-1h"), "--since \"-1h\"" + sinceRule);
        assertUsage(cli.run("perf", "slow", "--since", "1h\u001b]0;x\u0007"),
                "--since \"1h\\u001b]0;x\\u0007\"" + sinceRule);
        assertUsage(cli.run("perf", "--since", "0m"), "--since \"0m\": the window must be longer than 0");
        assertUsage(cli.run("perf", "--since", "400d"), "--since \"400d\": at most 365d back (the log keeps no more)");
        assertUsage(cli.run("perf", "--since", "2999-01-01T00:00:00Z"), "--since \"2999-01-01T00:00:00Z\": the window "
                + "must start before now (" + cli.clock.instant() + ")");
        assertUsage(cli.run("perf", "--operation", "dropTables"), "--operation \"dropTables\": not a store "
                + "operation; use one of " + String.join(", ", PerfQuery.operations()));
        assertUsage(cli.run("perf", "--operation", ""), "--operation \"\": not a store operation; use one of "
                + String.join(", ", PerfQuery.operations()));
        String limitRule = ": use a whole number from 1 to 1000";
        assertUsage(cli.run("perf", "--limit", "0"), "--limit \"0\"" + limitRule);
        assertUsage(cli.run("perf", "slow", "--limit", "1001"), "--limit \"1001\"" + limitRule);
        assertUsage(cli.run("perf", "slow", "--limit", "ten"), "--limit \"ten\"" + limitRule);
        assertUsage(cli.run("perf", "slow", "--limit", "18446744073709551616"),
                "--limit \"18446744073709551616\"" + limitRule);

        CliRunner.Result huge = cli.run("perf", "--operation", "x".repeat(100_000));
        assertThat(huge.exitCode()).isEqualTo(2);
        assertThat(huge.err()).startsWith("statekeeper: --operation \"xxxx").contains("... (100000 characters)")
                .hasSizeLessThan(2_000);
        assertThat(cli.run("perf", "slow", "--operation", "getLoop").exitCode()).as("perf slow has no --operation")
                .isEqualTo(2);
        String postgresOnly = " reads PostgreSQL's own statistics and plans; the sqlite backend has none ('statekeeper "
                + "perf' shows the operation log on every backend)";
        assertUsage(cli.run("perf", "--sql"), "'perf --sql'" + postgresOnly);
        assertUsage(cli.run("perf", "explain", "getLoop"), "'perf explain'" + postgresOnly);
        assertThat(cli.run("perf", "explain").exitCode()).as("the operation is required").isEqualTo(2);
    }

    @Test
    void helpExplainsTheWindowUnitsErrorsAndPercentiles() {
        String help = new CliRunner(dir).ok("perf", "--help");
        assertThat(help).contains("--since", "--operation", "--limit", "milliseconds", "within 1 %",
                "errors: operations that failed", "faults:", "STATEKEEPER_SLOW_OPERATION_MS", "slow");
        assertThat(new CliRunner(dir).ok("--help")).contains("perf");
    }

    private static void assertUsage(CliRunner.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("statekeeper: " + message + "\n");
    }
}
