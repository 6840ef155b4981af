package dev.statekeeper.server;

import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.perf.OperationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * The server's meters, scraped at {@code /metrics} in Prometheus text format:
 * {@code http_server_requests_seconds} (a histogram per method, route template and status),
 * {@code statekeeper_errors_total} (per error code), {@code statekeeper_store_operations_seconds} (a histogram per
 * store operation and outcome), for a store that pools connections {@code statekeeper_pool_active},
 * {@code _idle}, {@code _waiting} and {@code _max}, and the JVM's memory, threads, CPU and uptime.
 */
final class Metrics {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile boolean closed;
    private Runnable unlisten = () -> { };

    Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    void request(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests").description("HTTP requests by route template")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    void error(String code) {
        Counter.builder("statekeeper.errors").description("error responses by error code").tag("code", code)
                .register(registry).increment();
    }

    /**
     * Feeds {@code statekeeper_store_operations_seconds} from the store's operation log (the one place operations
     * are timed): told of every operation as it ends, whichever interface ran it. A store not opened through
     * StateStores.open has no log, and its operations are not in the histogram.
     */
    void store(StateStore store) {
        OperationListener listener = this::storeOperation;
        store.operationLog().addListener(listener);
        unlisten = () -> store.operationLog().removeListener(listener);
    }

    void storeOperation(String operation, String outcome, long nanos) {
        if (closed) {
            return; // a call in flight while the server stops
        }
        Timer.builder("statekeeper.store.operations").description("store operations by name and outcome")
                .tags("operation", operation, "outcome", outcome)
                .serviceLevelObjectives(BUCKETS).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Gauges of the store's connection pool, read at each scrape; none for a store without a pool. */
    void pool(StateStore store) {
        if (store.poolStats().isEmpty()) {
            return;
        }
        poolGauge(store, "active", "connections of the pool in use", PoolStats::active);
        poolGauge(store, "idle", "connections of the pool open and free", PoolStats::idle);
        poolGauge(store, "waiting", "threads waiting for a connection of the pool", PoolStats::waiting);
        poolGauge(store, "max", "most connections the pool opens (DATABASE_POOL_MAX_SIZE)", PoolStats::max);
    }

    private void poolGauge(StateStore store, String name, String description, ToIntFunction<PoolStats> count) {
        Gauge.builder("statekeeper.pool." + name, store,
                        s -> s.poolStats().stream().mapToDouble(count::applyAsInt).findFirst().orElse(Double.NaN))
                .description(description).strongReference(true).register(registry);
    }

    /** The open MCP sessions over HTTP, read at each scrape. */
    void mcpSessions(java.util.function.IntSupplier open) {
        Gauge.builder("statekeeper.mcp.sessions", open, java.util.function.IntSupplier::getAsInt)
                .description("MCP sessions over HTTP open now (at most STATEKEEPER_MCP_MAX_SESSIONS)")
                .strongReference(true).register(registry);
    }

    /** The meters of {@code serve}'s scheduled doctor runs. */
    DoctorMetrics doctor() {
        return new DoctorMetrics(registry);
    }

    String scrape() {
        return registry.scrape();
    }

    void close() {
        closed = true;
        unlisten.run();
        registry.close();
    }
}
