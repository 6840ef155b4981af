package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.DoctorRuns;
import dev.statekeeper.mcp.StatekeeperMcp;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import io.javalin.util.JavalinException;
import jakarta.servlet.http.HttpServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP server: the JSON API under {@code /api/v1}, MCP over streamable HTTP at {@code /mcp} (both behind the
 * token when one is set), {@code /health/live}, {@code /health/ready} and {@code /metrics} over one
 * {@link StateStore}, configured by the STATEKEEPER_BIND, _PORT, _API_TOKEN, _MAX_BODY_BYTES, _READY_TIMEOUT and
 * _SHUTDOWN_TIMEOUT settings. Every STATEKEEPER_DOCTOR_INTERVAL (0 = off) it runs the doctor's cheap checks for
 * {@code /metrics}. The caller owns the store: it opens it before and closes it after {@link #stop()}.
 * Every request is logged as one line on the logger {@link #REQUEST_LOGGER} at info level. The store's change
 * history is served at {@code /api/v1/events} (pages) and {@code /api/v1/events/stream} (server-sent events), and
 * {@code GET /api/v1/loops/{id}?wait=&version=} long-polls a loop; the event streams and long polls open at once are
 * bounded, and a stop ends them.
 *
 * <pre>{@code
 * StatekeeperServer server = StatekeeperServer.create(store, settings);
 * int port = server.start();
 * server.stopOnShutdown(store::close);   // SIGTERM: stop gracefully, then close the store
 * server.awaitShutdown();
 * }</pre>
 */
public final class StatekeeperServer {
    /**
     * The logger of the request log: one line per request at info level, {@code request id=... method=...
     * route=... path=... status=... ms=... error=...}. Enable it at info to see the requests.
     */
    public static final String REQUEST_LOGGER = "dev.statekeeper.server.request";
    private static final Logger LOG = LoggerFactory.getLogger(StatekeeperServer.class);

    private final Javalin app;
    private final ServerOptions options;
    private final Metrics metrics;
    private final Health health;
    private final HttpServlet mcp;
    private final DoctorRuns doctor;
    private final DoctorSchedule doctorSchedule;
    private final EventStreams streams = new EventStreams();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile int port = -1;

    private StatekeeperServer(Builder builder) {
        this.options = ServerOptions.from(builder.settings);
        this.metrics = new Metrics();
        StateStore store = builder.store;
        metrics.store(store);
        metrics.pool(store);
        this.health = new Health(store, options.readyTimeout());
        this.doctor = DoctorRuns.serving(builder.settings, builder.clock, store);
        this.mcp = builder.mcp ? StatekeeperMcp.httpServlet(store, builder.settings, builder.clock, doctor) : null;
        if (mcp != null) {
            metrics.mcpSessions(this::mcpSessions);
        }
        Mounts mounts = builder.mounts.copy();
        if (mcp != null) {
            mounts.add(StatekeeperMcp.ENDPOINT, mcp);
        }
        this.doctorSchedule = new DoctorSchedule(doctor, metrics.doctor(),
                builder.settings.seconds(Setting.DOCTOR_INTERVAL), builder.clock);
        this.app = ServerSetup.javalin(store, options, metrics, health, builder.clock, mounts, streams, doctor,
                doctorSchedule::latest, builder.waits, builder.settings.loopPolicy());
    }

    /**
     * A server over the store with the settings' bind address, port, token and limits, with MCP at {@code /mcp};
     * not started yet.
     */
    public static StatekeeperServer create(StateStore store, Settings settings) {
        return builder(store, settings).build();
    }

    public static Builder builder(StateStore store, Settings settings) {
        return new Builder(store, settings);
    }

    /** Starts listening; returns the bound port (the chosen one when STATEKEEPER_PORT is 0). */
    public int start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the server was already started; create a new one");
        }
        try {
            app.start();
        } catch (JavalinBindException e) {
            throw BindFailure.of(e, options);
        }
        port = app.port();
        health.warmUp();
        doctorSchedule.start();
        return port;
    }

    /** The bound port once started, else -1. */
    public int port() {
        return port;
    }

    /** Every HTTP endpoint Javalin routes, as {@code METHOD path} (for tests). */
    java.util.List<String> endpoints() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    /** The MCP sessions over HTTP open now (0 without MCP). */
    int mcpSessions() {
        return mcp == null ? 0 : StatekeeperMcp.openSessions(mcp);
    }

    /** Runs the scheduled cheap doctor checks now and updates /metrics (for tests); the report. */
    dev.statekeeper.doctor.DoctorReport runScheduledDoctor() {
        return doctorSchedule.runNow();
    }

    /** The event streams of mounted servlets open now (for tests). */
    int openEventStreams() {
        return streams.open();
    }

    /**
     * Stops gracefully: stops accepting connections at once, ends the open event streams (an MCP client's stream
     * for server messages never ends by itself), lets the requests in flight finish for up to
     * STATEKEEPER_SHUTDOWN_TIMEOUT, then closes what is left (logging a warning when that cut requests off).
     * Idempotent; the store stays open for the caller.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        doctorSchedule.stop();
        try {
            if (started.get()) {
                streams.closeAll();
                stopJavalin(); // destroys the mounted servlets: MCP closes its sessions
            } else if (mcp != null) {
                mcp.destroy();
            }
        } finally {
            metrics.close();
            stopped.countDown();
        }
    }

    private void stopJavalin() {
        try {
            app.stop();
        } catch (JavalinException e) {
            if (!(e.getCause() instanceof TimeoutException)) {
                throw e;
            }
            LOG.warn("requests still running {} ms after the stop began were cut off (STATEKEEPER_SHUTDOWN_TIMEOUT)",
                    options.shutdownTimeout().toMillis());
        }
    }

    /** Blocks until {@link #stop()} has finished. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /**
     * Registers a JVM shutdown hook (SIGTERM, SIGINT) that stops the server and then runs {@code afterStop},
     * typically {@code store::close}, so both finish before the JVM exits. Returns the hook.
     */
    public Thread stopOnShutdown(Runnable afterStop) {
        Objects.requireNonNull(afterStop, "afterStop");
        Thread hook = new Thread(() -> {
            try {
                stop();
            } finally {
                afterStop.run();
            }
        }, "statekeeper-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Options beyond the settings: MCP on or off, a clock (for idempotency-key expiry) and extra servlets. */
    public static final class Builder {
        private final StateStore store;
        private final Settings settings;
        private final Mounts mounts = new Mounts();
        private Clock clock = Clock.systemUTC();
        private boolean mcp = true;
        private ServerSetup.WaitLimits waits = ServerSetup.WaitLimits.DEFAULT;

        private Builder(StateStore store, Settings settings) {
            this.store = Objects.requireNonNull(store, "store");
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Whether to serve MCP over streamable HTTP at {@code /mcp}, behind the same guard; on by default. */
        public Builder mcp(boolean enabled) {
            this.mcp = enabled;
            return this;
        }

        /**
         * Mounts a servlet beside the API behind the same guard (the bearer token when one is set), at an exact path
         * ({@code /status}) or a prefix ({@code /extra/*}) outside /api, /health, /metrics, /dashboard and, while MCP is
         * on, /mcp. Its requests are logged and metered like the API's, under the path spec as route. An async servlet
         * works.
         */
        public Builder servlet(String pathSpec, HttpServlet servlet) {
            mounts.add(pathSpec, servlet);
            return this;
        }

        /**
         * Other bounds of the event streams and long polls than {@link ServerSetup.WaitLimits#DEFAULT} (for tests: a
         * short heartbeat, a small limit).
         */
        Builder waits(int streams, int polls, java.time.Duration heartbeat) {
            this.waits = new ServerSetup.WaitLimits(streams, polls, heartbeat);
            return this;
        }

        /** Checks the settings (a non-loopback address needs a token) and builds the server. */
        public StatekeeperServer build() {
            if (mcp && mounts.overlaps(StatekeeperMcp.ENDPOINT)) {
                throw new IllegalArgumentException("a servlet is already mounted at '" + StatekeeperMcp.ENDPOINT
                        + "', where the server serves MCP: call mcp(false) to mount your own");
            }
            return new StatekeeperServer(this);
        }
    }
}
