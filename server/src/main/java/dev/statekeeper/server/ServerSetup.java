package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.LoopPolicy;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.DoctorRuns;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.server.dashboard.Dashboard;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.handler.GracefulHandler;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Wires Javalin and Jetty: the JSON mapper, the guards, the routes, the dashboard, graceful stop and mounted
 * servlets.
 */
final class ServerSetup {
    /** Where the OpenAPI document is served, without the token (it describes the API, not its data). */
    static final String OPENAPI = "/openapi.json";

    private ServerSetup() {
    }

    /**
     * The bounds of the requests that wait for events on their thread (see {@link Waits}).
     *
     * @param streams   event streams open at once
     * @param polls     long polls waiting at once
     * @param heartbeat the silence after which a stream writes a keepalive comment
     */
    record WaitLimits(int streams, int polls, Duration heartbeat) {
        /**
         * 32 streams and 64 long polls: of the 250 threads of Jetty's pool (Javalin's default, platform threads),
         * 150 or more stay free for other requests.
         */
        static final WaitLimits DEFAULT = new WaitLimits(32, 64, Duration.ofSeconds(15));
    }

    static Javalin javalin(StateStore store, ServerOptions options, Metrics metrics, Health health, Clock clock,
                           Mounts mounts, EventStreams streams, DoctorRuns doctor,
                           Supplier<DoctorReport> latestDoctor, WaitLimits waits, LoopPolicy policy) {
        Guard guard = new Guard(options.token(), clock, options.corsOrigins(), options.dashboardWrite());
        RequestLog log = new RequestLog(metrics);
        return Javalin.create(config -> {
            server(config, options);
            mount(config, mounts, path -> new GuardFilter(guard, log, metrics, streams, path));
            config.requestLogger.http(log::end);
            RoutesConfig routes = config.routes;
            routes.before(log::begin);
            Cors cors = new Cors(options.corsOrigins());
            routes.before(Api.BASE + "/*", cors::handle);
            routes.before(Api.BASE + "/*", ctx -> {
                if (!Cors.preflight(ctx)) {
                    admit(ctx, guard, options);
                }
            });
            Handler ready = ctx -> health.ready(ctx, options.publicMetrics() || !guard.tokenRequired()
                    || guard.authenticated(ctx.header("Authorization")));
            Handler scrape = ctx -> {
                if (!options.publicMetrics()) {
                    admit(ctx, guard, options);
                }
                ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape());
            };
            for (var route : Map.of("/health/live", (Handler) health::live, "/health/ready", ready, "/metrics", scrape)
                    .entrySet()) {
                routes.get(route.getKey(), route.getValue());
                routes.head(route.getKey(), route.getValue());
            }
            ProblemRoutes.register(routes);
            Idempotency idempotency = new Idempotency(store, options.idempotencyBytes());
            Api api = new Api(store, routes, idempotency);
            routes.beforeMatched(api::checkIfMatch);
            LoopRoutes.register(api, new Waits(streams, waits.polls(), "long polls"));
            EventRoutes.register(api, new Waits(streams, waits.streams(), "event streams"), waits.heartbeat());
            SpecRoutes.register(api);
            ProjectRoutes.register(api);
            SessionRoutes.register(api);
            DoctorRoutes.register(api, doctor);
            PerfRoutes.register(api, clock);
            String openApi = OpenApi.document(api.routes());
            Handler document = ctx -> {
                Params.only(ctx, Set.of());
                ctx.contentType("application/json").result(openApi);
            };
            routes.get(OPENAPI, document);
            routes.head(OPENAPI, document);
            Dashboard.register(routes, store, policy, new Dashboard.Access() {
                @Override
                public void admit(Context ctx) {
                    ServerSetup.admit(ctx, guard, options);
                }

                @Override
                public boolean open(Context ctx) {
                    return !guard.tokenRequired() && local(ctx, guard);
                }

                @Override
                public boolean write() {
                    return options.dashboardWrite();
                }
            }, new Dashboard.Doctor() {
                @Override
                public DoctorReport latest() {
                    return latestDoctor.get();
                }

                @Override
                public DoctorReport runCheap() {
                    return doctor.run(Selection.cheap());
                }
            }, clock);
            new ErrorResponses(metrics, options.maxBodyBytes()).register(routes);
        });
    }

    private static void server(JavalinConfig config, ServerOptions options) {
        config.startup.showJavalinBanner = false;
        config.startup.startupWatcherEnabled = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jetty.host = options.bind();
        config.jetty.port = options.port();
        config.http.maxRequestSize = options.maxBodyBytes();
        config.http.prefer405over404 = true;
        config.jsonMapper(new JavalinJackson(Json.mapper(), false));
        config.jetty.modifyServer(server -> {
            // counts requests in flight, so stop() can wait for them (up to the stop timeout)
            server.insertHandler(new GracefulHandler());
            server.setErrorHandler(new JettyErrors()); // JSON, not an HTML page, for what Jetty refuses itself
            server.setStopTimeout(options.shutdownTimeout().toMillis());
        });
    }

    /**
     * Mounts each servlet behind its guard filter. Both support async requests: the MCP transport answers with
     * event streams completed on other threads. An exact path spec wins over Javalin's own "/*".
     */
    private static void mount(JavalinConfig config, Mounts mounts, Function<String, GuardFilter> guardFilter) {
        config.jetty.modifyServletContextHandler(context -> mounts.all().forEach((path, servlet) -> {
            FilterHolder filter = new FilterHolder(guardFilter.apply(path));
            filter.setAsyncSupported(true);
            context.addFilter(filter, path, EnumSet.of(DispatcherType.REQUEST));
            ServletHolder holder = new ServletHolder(servlet);
            holder.setAsyncSupported(true);
            context.addServlet(holder, path);
        }));
    }

    /** Whether a request passes the local-only checks (no Origin of a web page, a loopback Host). */
    private static boolean local(Context ctx, Guard guard) {
        try {
            guard.check(null, ctx.header("Origin"), ctx.header("Host"), ctx.ip(), ctx.method().name(), ctx.path());
            return true;
        } catch (HttpFailure refused) {
            return false;
        }
    }

    /** The guard (token, or local-only), then a Content-Length over the limit is refused before it is read. */
    private static void admit(Context ctx, Guard guard, ServerOptions options) {
        String authorization = ctx.header("Authorization");
        try {
            guard.check(authorization, ctx.header("Origin"), ctx.header("Host"), ctx.ip(), ctx.method().name(),
                    ctx.path());
        } catch (HttpFailure refused) {
            if (refused.status() == 401) {
                ctx.header("WWW-Authenticate", BearerAuth.challenge(authorization));
            }
            throw refused;
        }
        long length = ctx.req().getContentLengthLong();
        if (length > options.maxBodyBytes()) {
            throw HttpFailure.tooLarge(length, options.maxBodyBytes());
        }
    }
}
