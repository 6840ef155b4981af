package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.LoopPolicy;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.DoctorReport;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The dashboard's routes: the page shells ({@code /}, {@code /dashboard/loops}, {@code /dashboard/loops/{id}},
 * {@code /dashboard/specs}, {@code /dashboard/specs/{project}/{name}}, {@code /dashboard/roadmaps[/PROJECT]},
 * {@code /dashboard/plans[/PROJECT]}, {@code /dashboard/sessions[/NAME]}, {@code /dashboard/health},
 * {@code /dashboard/performance}), the
 * fragments they load ({@code /dashboard/fragment/...}, behind the API's guard) and the script and stylesheet
 * ({@code /dashboard/assets/...}). See the package comment for the design. None of them is an API route: they are
 * not in the OpenAPI document.
 */
public final class Dashboard {
    /** The prefix of the dashboard's routes but the overview at {@code /}. */
    public static final String BASE = "/dashboard";
    /** The prefix of the fragments, which carry the data and so sit behind the API's guard. */
    public static final String FRAGMENTS = BASE + "/fragment";
    /**
     * What the pages may load and run: only this server's own script, stylesheet and data, so that even a stored
     * value that escaped escaping could not run (no inline script is allowed).
     */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** The nav links after Overview and Loops, one per kind of page. */
    private static final String NAV = Stream.of("specs", "roadmaps", "plans", "sessions", "health", "performance")
            .map(page -> "<a href=\"" + BASE + "/" + page + "\">" + Character.toUpperCase(page.charAt(0))
                    + page.substring(1) + "</a>").collect(Collectors.joining());

    private static final String SCRIPT = asset("app.js");
    private static final String STYLE = asset("app.css");

    private final Views views;
    private final HealthViews health;
    private final Access access;

    private Dashboard(Views views, HealthViews health, Access access) {
        this.views = views;
        this.health = health;
        this.access = access;
    }

    /**
     * Who may see the data: the same rules as the API's, applied by the server.
     */
    public interface Access {
        /**
         * Admits a request for data, or throws the API's refusal (401 without the token when one is set, 403 for a
         * request from a web page or to a name other than loopback when none is, 429 after too many failures).
         *
         * @param ctx the request
         */
        void admit(Context ctx);

        /**
         * Whether a page may carry its data itself, without the script fetching it: when no token is set and the
         * request passes the local checks.
         *
         * @param ctx the request
         * @return true to render the data into the page
         */
        boolean open(Context ctx);

        /**
         * Whether the pages offer the actions that change state (end a session, decide a loop, clean old sessions):
         * STATEKEEPER_DASHBOARD_WRITE. The actions go through the API's own routes, under its rules.
         *
         * @return true to render the actions' buttons; false (the default) for read-only pages
         */
        default boolean write() {
            return false;
        }
    }

    /**
     * The doctor's reports the health page shows: the server's scheduled runs and its shared {@code DoctorRuns}.
     */
    public interface Doctor {
        /**
         * The report of the last scheduled run of the cheap checks.
         *
         * @return the report, or null before the first run has ended (or with STATEKEEPER_DOCTOR_INTERVAL=0)
         */
        DoctorReport latest();

        /**
         * Runs the cheap checks now, as the API's doctor route runs checks: never beside another run, sharing the
         * report of a run of the same checks in flight, each run bounded by STATEKEEPER_DOCTOR_BUDGET.
         *
         * @return the report
         */
        DoctorReport runCheap();
    }

    /**
     * Registers the dashboard's routes.
     *
     * @param routes where the server declares its routes
     * @param store  the store it shows
     * @param policy the loop policy, for the types' thresholds
     * @param access the API's rules, for the data
     * @param doctor the doctor's reports, for the health page and the overview's health card
     * @param clock  the server's clock, for the performance page's windows
     */
    public static void register(RoutesConfig routes, StateStore store, LoopPolicy policy, Access access,
                                Doctor doctor, Clock clock) {
        Dashboard d = new Dashboard(new Views(Objects.requireNonNull(store, "store"), policy, access.write()),
                new HealthViews(store, Objects.requireNonNull(doctor, "doctor"), Objects.requireNonNull(clock,
                        "clock")), access);
        Function<Context, View> overview = ctx -> d.views.overview(d.health.card());
        Function<Context, View> loops = ctx -> d.views.loops(ctx.queryParamMap());
        Function<Context, View> loop = ctx -> d.views.loop(ctx.pathParam("id"), ctx.queryParamMap());
        routes.get("/", ctx -> d.page(ctx, FRAGMENTS + "/overview", overview));
        routes.get(BASE + "/loops", ctx -> d.page(ctx, FRAGMENTS + "/loops", loops));
        routes.get(BASE + "/loops/{id}", ctx -> d.page(ctx, FRAGMENTS + "/loops/"
                + Html.segment(ctx.pathParam("id")), loop));
        routes.get(FRAGMENTS + "/overview", ctx -> d.fragment(ctx, overview));
        routes.get(FRAGMENTS + "/loops", ctx -> d.fragment(ctx, loops));
        routes.get(FRAGMENTS + "/loops/{id}", ctx -> d.fragment(ctx, loop));
        // the Specs pages: the projects with specs and their specs, a spec with its revisions and their diff
        SpecViews specViews = new SpecViews(store);
        Function<Context, View> specs = ctx -> specViews.specs(ctx.queryParamMap());
        Function<Context, View> spec = ctx -> specViews.spec(ctx.pathParam("project"), ctx.pathParam("name"),
                ctx.queryParamMap());
        routes.get(BASE + "/specs", ctx -> d.page(ctx, FRAGMENTS + "/specs", specs));
        routes.get(BASE + "/specs/{project}/{name}", ctx -> d.page(ctx, FRAGMENTS + "/specs/"
                + Html.segment(ctx.pathParam("project")) + "/" + Html.segment(ctx.pathParam("name")), spec));
        routes.get(FRAGMENTS + "/specs", ctx -> d.fragment(ctx, specs));
        routes.get(FRAGMENTS + "/specs/{project}/{name}", ctx -> d.fragment(ctx, spec));
        // roadmaps, plans and sessions (DocumentViews); names may hold '/', so they take the rest of the path
        DocumentViews docs = new DocumentViews(store, access.write());
        d.pair(routes, "/roadmaps", ctx -> docs.roadmaps(ctx.queryParamMap()));
        d.pair(routes, "/roadmaps/<project>", ctx -> docs.roadmap(ctx.pathParam("project"), ctx.queryParamMap()));
        d.pair(routes, "/plans", ctx -> docs.plans(ctx.queryParamMap()));
        d.pair(routes, "/plans/<project>", ctx -> docs.plan(ctx.pathParam("project")));
        d.pair(routes, "/sessions", ctx -> docs.sessions(ctx.queryParamMap()));
        d.pair(routes, "/sessions/<name>", ctx -> docs.session(ctx.pathParam("name")));
        // the health and performance pages (HealthViews)
        d.pair(routes, "/health", ctx -> d.health.health(ctx.queryParamMap()));
        d.pair(routes, "/performance", ctx -> d.health.performance(ctx.queryParamMap()));
        routes.get(BASE + "/assets/app.js", ctx -> asset(ctx, "text/javascript; charset=utf-8", SCRIPT));
        routes.get(BASE + "/assets/app.css", ctx -> asset(ctx, "text/css; charset=utf-8", STYLE));
    }

    /**
     * A page at {@code BASE + path} and its fragment at {@code FRAGMENTS + path}; a path parameter ({@code <name>},
     * the rest of the path) is carried over to the fragment's URL as it was named.
     */
    private void pair(RoutesConfig routes, String path, Function<Context, View> render) {
        int hole = path.indexOf('<');
        routes.get(BASE + path, ctx -> page(ctx, FRAGMENTS + (hole < 0 ? path : path.substring(0, hole)
                + DocumentViews.path(ctx.pathParam(path.substring(hole + 1, path.length() - 1)))), render));
        routes.get(FRAGMENTS + path, ctx -> fragment(ctx, render));
    }

    /**
     * A page: the shell, with its data inline where {@link Access#open} allows it (the page then works without
     * script, and its status is the view's: 404 for an unknown loop), else with a place the script fills.
     */
    private void page(Context ctx, String fragment, Function<Context, View> render) {
        String query = ctx.queryString();
        String source = query == null ? fragment : fragment + "?" + query;
        View view = access.open(ctx) ? render(ctx, render) : null;
        Html content = view == null ? Html.of("<p class=\"loading\">Loading…</p><noscript><p>With an API token set, "
                + "this page needs JavaScript to send it.</p></noscript>") : view.fragment();
        Html html = Html.of("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        + "<title>{} · Statekeeper</title><link rel=\"stylesheet\" href=\"{}/assets/app.css\">"
                        + "<script src=\"{}/assets/app.js\" defer></script></head><body>"
                        + "<a class=\"skip\" href=\"#content\">Skip to content</a><header class=\"top\">"
                        + "<nav aria-label=\"Dashboard\"><a class=\"brand\" href=\"/\">Statekeeper</a>"
                        + "<a href=\"/\">Overview</a><a href=\"{}/loops\">Loops</a>"
                        + NAV + "</nav>"
                        + "<span id=\"live\" role=\"status\" aria-live=\"polite\"></span></header>"
                        + "<form id=\"token-form\" class=\"token\" hidden><h1>API token</h1><p>This server requires its "
                        + "API token (STATEKEEPER_API_TOKEN). It is kept in this tab only, until the tab closes.</p>"
                        + "<label for=\"token\">Token</label> <input id=\"token\" type=\"password\" autocomplete=\"off\" "
                        + "required> <button type=\"submit\">Open</button><p id=\"token-error\" role=\"alert\"></p></form>"
                        + "<main id=\"content\" tabindex=\"-1\" data-fragment=\"{}\">{}</main></body></html>",
                view == null ? "Statekeeper" : view.title(), BASE, BASE, BASE, source, content);
        respond(ctx, view == null ? 200 : view.status(), html.value());
    }

    /** A fragment: the data, behind the API's guard, with an ETag so a poll that finds nothing new gets 304. */
    private void fragment(Context ctx, Function<Context, View> render) {
        access.admit(ctx);
        long started = System.nanoTime();
        View view = render(ctx, render);
        String body = view.fragment().value();
        ctx.header("Server-Timing", "render;dur=" + (System.nanoTime() - started) / 100_000 / 10.0);
        // the data only: the store's newest sequence moves with every write anywhere, which changes no view by itself
        String etag = "\"" + hash(view.title() + '\n' + view.entity() + '\n' + view.body().value()) + "\"";
        ctx.header("ETag", etag);
        if (view.status() == 200 && etag.equals(ctx.header("If-None-Match"))) {
            headers(ctx);
            ctx.status(304);
            return;
        }
        respond(ctx, view.status(), body);
    }

    /** The view, or the view of what was wrong with the request (400) or the store's answer (its status). */
    private static View render(Context ctx, Function<Context, View> render) {
        try {
            return render.apply(ctx);
        } catch (Views.BadInput e) {
            return Views.problem(400, "Bad request", e.getMessage());
        } catch (StatekeeperException e) {
            int status = e.code().httpStatus();
            return Views.problem(status, status == 404 ? "Not found" : "Cannot show this", e.getMessage());
        }
    }

    private static void respond(Context ctx, int status, String html) {
        headers(ctx);
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }

    private static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    private static void asset(Context ctx, String type, String text) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(type).result(text);
    }

    private static String asset(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the dashboard's " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
