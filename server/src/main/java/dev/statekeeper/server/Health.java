package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.error.StatekeeperException;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /health/live}: 200 while the server runs. {@code /health/ready}: 200 when the store answers
 * {@link StateStore#ping()} within STATEKEEPER_READY_TIMEOUT, with its backend and schema version, else 503; both
 * with the pool's counts for a backend that pools connections. The backend and schema version come from one
 * {@link StateStore#info()} (which counts every table) by the first probe that succeeds, started by
 * {@link #warmUp()}, and are kept. At most one probe runs at a time, so a hung store does not pile up threads:
 * later probes wait on the one already running.
 */
final class Health {
    private final StateStore store;
    private final Duration timeout;
    private final AtomicReference<CompletableFuture<Identity>> probe = new AtomicReference<>();
    private volatile Identity identity;

    /** What the store is, read once. */
    private record Identity(String backend, String schemaVersion) {
    }

    Health(StateStore store, Duration timeout) {
        this.store = store;
        this.timeout = timeout;
    }

    void live(Context ctx) {
        ctx.json(Map.of("status", "live"));
    }

    /** Starts a probe in the background, so the first {@code /health/ready} finds the backend and schema version. */
    void warmUp() {
        currentProbe();
    }

    /**
     * Ready or not; {@code detailed} adds the backend, schema version, pool and the reason it is not (kept from
     * probes without the token when one is set, as they may name hosts and databases).
     */
    void ready(Context ctx, boolean detailed) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            Identity ready = currentProbe().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            body.put("status", "ready");
            if (detailed) {
                body.put("backend", ready.backend());
                body.put("schemaVersion", ready.schemaVersion());
                store.poolStats().ifPresent(pool -> body.put("pool", pool));
            }
            ctx.json(body);
            return;
        } catch (TimeoutException e) {
            body.put("reason", "the store did not answer within " + timeout.toMillis() + " ms (STATEKEEPER_READY_TIMEOUT)");
        } catch (ExecutionException e) {
            body.put("reason", e.getCause() instanceof StatekeeperException s ? s.getMessage()
                    : "the store failed: " + e.getCause());
            if (e.getCause() instanceof StatekeeperException s) {
                body.put("code", s.code().wire());
            }
        }
        body.put("status", "unavailable");
        store.poolStats().ifPresent(pool -> body.put("pool", pool));
        ctx.status(503).json(detailed ? body : Map.of("status", "unavailable"));
    }

    private CompletableFuture<Identity> currentProbe() {
        while (true) {
            CompletableFuture<Identity> running = probe.get();
            if (running != null && !running.isDone()) {
                return running;
            }
            CompletableFuture<Identity> next = new CompletableFuture<>();
            if (probe.compareAndSet(running, next)) {
                Thread.ofVirtual().name("statekeeper-ready-probe").start(() -> {
                    try {
                        next.complete(check());
                    } catch (RuntimeException | Error e) {
                        next.completeExceptionally(e);
                    }
                });
                return next;
            }
        }
    }

    private Identity check() {
        store.ping();
        Identity known = identity;
        if (known == null) {
            StoreInfo info = store.info();
            known = new Identity(info.backend(), info.schemaVersion());
            identity = known;
        }
        return known;
    }
}
