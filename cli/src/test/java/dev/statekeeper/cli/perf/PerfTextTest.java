package dev.statekeeper.cli.perf;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.perf.PerfQuery;
import dev.statekeeper.core.perf.PerfReport;
import dev.statekeeper.core.perf.RequestTag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The text of {@code perf} over a store that ran operations (a CLI run's own log starts empty). */
class PerfTextTest {
    @Test
    @SuppressWarnings("try") // the tag is opened for its effect
    void theTableIsBusiestFirstAndTheSlowOnesCarryTheirRequest() {
        Settings settings = Settings.builder().set(Setting.BACKEND, "memory").set(Setting.SLOW_OPERATION_MS, "1")
                .build();
        try (StateStore store = StateStores.open(settings)) {
            String id = store.createLoop(new NewLoop("p", LoopType.PLAN, null)).id();
            try (RequestTag tag = RequestTag.open("req-42\u001b[31m")) {
                for (int i = 0; i < 3; i++) {
                    store.getLoop(id);
                }
            }
            Instant now = Instant.now();
            PerfReport report = PerfReport.read(store.operationLog(), new PerfQuery(now.minusSeconds(60), null, 10),
                    now);
            StringWriter text = new StringWriter();
            PerfText.report(report, new PrintWriter(text));

            String[] lines = text.toString().split("\n");
            assertThat(lines[0]).isEqualTo("operations since " + report.since()
                    + " (milliseconds; p50/p95/p99 within 1 %):");
            assertThat(lines[1]).matches("OPERATION +COUNT +ERRORS +FAULTS +AVG +P50 +P95 +P99 +MAX");
            assertThat(lines[2]).matches("getLoop +3 +0 +0 +\\d+\\.\\d\\d( +\\d+\\.\\d\\d){4}");
            assertThat(lines[3]).matches("createLoop +1 +0 +0 .*");
            assertThat(text.toString()).endsWith("this process only: the operation log is not kept in the store "
                    + "(memory backend, or STATEKEEPER_OPLOG=false), so it shows what this process ran\n");
            // any operation that took 1 ms or more is listed with its (cleaned) request id
            report.slowest().forEach(s -> {
                if (s.operation().equals("getLoop")) {
                    assertThat(s.requestId()).isEqualTo("req-42?[31m");
                }
            });
        }
    }
}
