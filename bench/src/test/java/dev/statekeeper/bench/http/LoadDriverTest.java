package dev.statekeeper.bench.http;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.server.StatekeeperServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver against the real server on a real SQLite store: what it counts, and that failures are counted. */
class LoadDriverTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    /** Long enough that a call completes inside it even on a busy machine (only calls inside it count). */
    private static final Duration WINDOW = Duration.ofSeconds(3);

    static LoadStore db;
    static List<String> ids;
    static StatekeeperServer server;
    static HttpClient client;
    static HttpOperations http;

    @BeforeAll
    static void start() {
        db = LoadStore.open("sqlite");
        ids = db.prefill(20, 1);
        server = StatekeeperServer.create(db.store(), Settings.builder().set(Setting.SERVER_PORT, "0").build());
        client = HttpOperations.newClient();
        http = new HttpOperations(client, server.start(), new Workload(ids));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop();
        db.close();
    }

    @Test
    void everyOperationSucceedsOverHttpAndInProcess() throws Exception {
        StoreOperations local = new StoreOperations(db.store(), new Workload(ids));
        for (Op op : Op.values()) {
            for (Operation operation : List.of(http.of(op), local.of(op))) {
                operation.call(); // a first call outside the window: a cold path on a loaded machine can outlast it
                LoadDriver.Measurement m = LoadDriver.run(operation, 2, Duration.ZERO, WINDOW);
                assertThat(m.errors()).as(op.label()).isZero();
                assertThat(m.latencies().getTotalCount()).as(op.label()).isPositive();
                assertThat(m.millisAt(50)).isPositive().isLessThanOrEqualTo(m.millisAt(99));
                assertThat(m.cpuPerOp()).containsKeys(CpuSampler.CLIENT, CpuSampler.SERVER, CpuSampler.POSTGRES);
            }
        }
        int feedback = ids.stream().mapToInt(id -> db.store().getLoop(id).feedback().size()).sum();
        assertThat(feedback).isGreaterThan(ids.size()); // the prefilled entry each, and the appended ones
    }

    @Test
    void aNon2xxAnswerIsAFailedCallNotALatency() throws InterruptedException {
        HttpOperations missing = new HttpOperations(client, server.port(), new Workload(List.of("no-such-loop")));
        LoadDriver.Measurement m = LoadDriver.run(missing.of(Op.GET_LOOP), 1, Duration.ZERO, SECOND);
        assertThat(m.errors()).isPositive();
        assertThat(m.latencies().getTotalCount()).isZero();
        assertThat(m.opsPerSecond()).isZero();
    }
}
