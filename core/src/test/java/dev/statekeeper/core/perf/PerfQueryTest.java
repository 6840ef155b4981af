package dev.statekeeper.core.perf;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerfQueryTest {
    private static final Instant NOW = Instant.parse("2026-12-02T16:00:00Z");

    @Test
    void sinceTakesDurationsBackFromNowAndInstants() {
        assertThat(PerfQuery.since("--since", null, NOW)).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(PerfQuery.since("--since", "90s", NOW)).isEqualTo(NOW.minusSeconds(90));
        assertThat(PerfQuery.since("--since", "15m", NOW)).isEqualTo(NOW.minusSeconds(900));
        assertThat(PerfQuery.since("--since", "1h", NOW)).isEqualTo(NOW.minusSeconds(3600));
        assertThat(PerfQuery.since("--since", "7d", NOW)).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(PerfQuery.since("--since", "365d", NOW)).isEqualTo(NOW.minus(Duration.ofDays(365)));
        assertThat(PerfQuery.since("since", "2026-12-02T15:30:00Z", NOW)).isEqualTo(Instant.parse("2026-12-02T15:30:00Z"));
    }

    @Test
    void sinceRefusesBadNegativeHugeAndControlCharacters() {
        String use = ": use a duration back from now (90s, 15m, 1h, 7d) or an ISO-8601 instant (2026-12-02T15:00:00Z)";
        assertUsage(() -> PerfQuery.since("--since", "abc", NOW), "--since \"abc\"" + use);
        assertUsage(() -> PerfQuery.since("--since", "-1h", NOW), "--since \"-1h\"" + use);
        assertUsage(() -> PerfQuery.since("--since", "1w", NOW), "--since \"1w\"" + use);
        assertUsage(() -> PerfQuery.since("--since", "", NOW), "--since \"\"" + use);
        assertUsage(() -> PerfQuery.since("since", "1h\u001b[2J", NOW), "since \"1h\\u001b[2J\"" + use);
        assertUsage(() -> PerfQuery.since("since", "1234567890h", NOW), "since \"1234567890h\"" + use);
        assertUsage(() -> PerfQuery.since("--since", "0s", NOW), "--since \"0s\": the window must be longer than 0");
        assertUsage(() -> PerfQuery.since("--since", "366d", NOW),
                "--since \"366d\": at most 365d back (the log keeps no more)");
        assertUsage(() -> PerfQuery.since("--since", "999999999d", NOW),
                "--since \"999999999d\": at most 365d back (the log keeps no more)");
        assertUsage(() -> PerfQuery.since("--since", "2020-01-01T00:00:00Z", NOW),
                "--since \"2020-01-01T00:00:00Z\": at most 365d back (the log keeps no more)");
        assertUsage(() -> PerfQuery.since("--since", "2026-12-02T16:00:00Z", NOW),
                "--since \"2026-12-02T16:00:00Z\": the window must start before now (2026-12-02T16:00:00Z)");
        String longText = "1".repeat(5000) + "h";
        assertThatThrownBy(() -> PerfQuery.since("since", longText, NOW))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(e.getMessage()).contains("... (5001 characters)").hasSizeLessThan(400);
                });
    }

    @Test
    void operationsAreTheStoresAbstractMethodsPlusPing() {
        assertThat(PerfQuery.operations()).contains("ping", "info", "getLoop", "addFeedback", "decide", "listSessions")
                .doesNotContain("close", "archive", "poolStats", "operationLog", "events", "requestKeys");
        assertThat(PerfQuery.operations()).hasSize(33);
        assertThat(PerfQuery.operation("--operation", null)).isNull();
        assertThat(PerfQuery.operation("--operation", "getLoop")).isEqualTo("getLoop");
        String valid = String.join(", ", PerfQuery.operations());
        assertUsage(() -> PerfQuery.operation("--operation", "getloop"),
                "--operation \"getloop\": not a store operation; use one of " + valid);
        assertUsage(() -> PerfQuery.operation("operation", "close"),
                "operation \"close\": not a store operation; use one of " + valid);
        assertUsage(() -> PerfQuery.operation("operation", "get\nLoop"),
                "operation \"get\\u000aLoop\": not a store operation; use one of " + valid);
    }

    @Test
    void limitIsAWholeNumberFromOneToAThousand() {
        assertThat(PerfQuery.limit("--limit", (String) null, 10)).isEqualTo(10);
        assertThat(PerfQuery.limit("--limit", "1", 10)).isEqualTo(1);
        assertThat(PerfQuery.limit("--limit", "1000", 10)).isEqualTo(1000);
        assertThat(PerfQuery.limit("limit", 7L, 10)).isEqualTo(7);
        String rule = ": use a whole number from 1 to 1000";
        assertUsage(() -> PerfQuery.limit("--limit", "0", 10), "--limit \"0\"" + rule);
        assertUsage(() -> PerfQuery.limit("--limit", "1001", 10), "--limit \"1001\"" + rule);
        assertUsage(() -> PerfQuery.limit("--limit", "-5", 10), "--limit \"-5\"" + rule);
        assertUsage(() -> PerfQuery.limit("--limit", "ten", 10), "--limit \"ten\"" + rule);
        assertUsage(() -> PerfQuery.limit("--limit", "99999999999999999999", 10),
                "--limit \"99999999999999999999\"" + rule);
        assertUsage(() -> PerfQuery.limit("limit", 0L, 10), "limit 0" + rule);
        assertUsage(() -> PerfQuery.limit("limit", Long.MAX_VALUE, 10), "limit 9223372036854775807" + rule);
    }

    @Test
    void aQueryBuiltDirectlyIsCheckedToo() {
        assertThatThrownBy(() -> new PerfQuery(NOW, "dropTables", 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a store operation: dropTables");
        assertThatThrownBy(() -> new PerfQuery(NOW, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit 0 is outside 1-1000");
        assertThatThrownBy(() -> new PerfQuery(null, null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aReportCountsTheOperationsOfAStoreOpenedThroughStateStores() {
        Settings settings = Settings.builder().set(Setting.BACKEND, "memory").set(Setting.SLOW_OPERATION_MS, "1")
                .build();
        try (StateStore store = StateStores.open(settings)) {
            String id = store.createLoop(new NewLoop("p", dev.statekeeper.core.domain.LoopType.PLAN, null)).id();
            store.getLoop(id);
            store.getLoop(id);
            assertThatThrownBy(() -> store.getLoop("nope1234")).isInstanceOf(StatekeeperException.class);
            Instant now = Instant.now();
            PerfQuery query = new PerfQuery(now.minusSeconds(3600), null, 10);
            PerfReport report = PerfReport.read(store.operationLog(), query, now);
            assertThat(report.persistent()).isFalse();
            assertThat(report.scope()).isEqualTo("process");
            assertThat(report.operations()).extracting(OperationStats::operation, OperationStats::count,
                    OperationStats::errors).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("getLoop", 3L, 1L),
                            org.assertj.core.groups.Tuple.tuple("createLoop", 1L, 0L));
            Map<String, Object> map = report.toMap();
            assertThat(map.keySet()).containsExactly("since", "until", "operation", "scope", "persistent", "problem",
                    "slowThresholdMs", "operations", "slowest");
            assertThat(map.get("slowThresholdMs")).isEqualTo(1L);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) map.get("operations");
            assertThat(rows.getFirst().keySet()).containsExactly("operation", "count", "errors", "faults", "avgMs",
                    "p50Ms", "p95Ms", "p99Ms", "maxMs");

            PerfReport slow = PerfReport.readSlow(store.operationLog(),
                    new PerfQuery(now.minusSeconds(3600), "createLoop", 5), now);
            assertThat(slow.operations()).isNull();
            assertThat(slow.toMap()).doesNotContainKey("operations");
            assertThat(slow.slowest()).allSatisfy(s -> assertThat(s.operation()).isEqualTo("createLoop"));
        }
    }

    private static void assertUsage(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatekeeperException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
