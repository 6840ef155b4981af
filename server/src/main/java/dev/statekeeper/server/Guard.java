package dev.statekeeper.server;

import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may call the API. With a token: whoever sends it. Without one (only allowed on a loopback address): local
 * programs, but not web pages: a request with an {@code Origin} header (a browser's cross-site request) not listed
 * in {@code STATEKEEPER_CORS_ORIGINS} or
 * with a {@code Host} other than localhost or a loopback address (DNS rebinding) is refused with 403. With the
 * dashboard's actions on (STATEKEEPER_DASHBOARD_WRITE), one of those actions ({@link #DASHBOARD_ACTIONS}: a POST to
 * end a session, decide on a loop or clean sessions) sent from a page of this server itself (its {@code Origin} is
 * the {@code http://} or {@code https://} origin of the loopback {@code Host} it was sent to: the dashboard's own
 * {@code fetch}) passes too; any other request from a page, this server's included, is still refused. Failed token
 * checks are counted per client address ({@link AuthFailures}).
 */
final class Guard {
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");
    /** The API requests the dashboard's actions send (POST), the only ones its own pages may send without a token. */
    static final Pattern DASHBOARD_ACTIONS = Pattern.compile(
            "/api/v1/(sessions/[^/]+/end|sessions/clean|loops/[^/]+/decide)");

    private final BearerAuth auth;
    private final AuthFailures failures;
    private final Set<String> corsOrigins;
    private final boolean sameOrigin;

    /**
     * @param sameOrigin whether a request from this server's own pages (Origin equal to the Host's origin) passes
     *                   the local-only check: true when the dashboard may write
     */
    Guard(String token, Clock clock, Set<String> corsOrigins, boolean sameOrigin) {
        this.auth = token == null ? null : new BearerAuth(token);
        this.failures = new AuthFailures(clock);
        this.corsOrigins = Set.copyOf(corsOrigins);
        this.sameOrigin = sameOrigin;
    }

    /** Whether requests must carry the token. */
    boolean tokenRequired() {
        return auth != null;
    }

    /** Whether the request carries the token (false when none is configured). */
    boolean authenticated(String authorization) {
        return auth != null && auth.problem(authorization) == null;
    }

    /**
     * Admits the request or throws: 401 without the right token, 429 after too many failures, 403 for pages.
     *
     * @param method the request's method
     * @param path   the request's path, as sent
     */
    void check(String authorization, String origin, String host, String address, String method, String path) {
        if (auth != null) {
            failures.checkNotLockedOut(address);
            String problem = auth.problem(authorization);
            if (problem != null) {
                failures.failed(address, problem);
                throw HttpFailure.unauthorized(problem);
            }
            return;
        }
        if (origin != null && !corsOrigins.contains(origin.toLowerCase(Locale.ROOT))
                && !dashboardAction(origin, host, method, path)) {
            throw new HttpFailure(403, "forbidden", "requests from web pages (with an Origin header) are refused: "
                    + "without STATEKEEPER_API_TOKEN the API serves local programs only");
        }
        if (host != null && !loopbackHost(host)) {
            throw new HttpFailure(403, "forbidden", "Host '" + host + "' is not a loopback name: without "
                    + "STATEKEEPER_API_TOKEN the API answers only requests to localhost, 127.0.0.1 or [::1]");
        }
    }

    /**
     * Whether the request is a dashboard action from a page of this server: the Origin is this server's own, as
     * reached through the Host (checked as loopback after this).
     */
    private boolean dashboardAction(String origin, String host, String method, String path) {
        if (!sameOrigin || host == null || !"POST".equals(method) || path == null
                || !DASHBOARD_ACTIONS.matcher(path).matches()) {
            return false;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        return o.equals("http://" + h) || o.equals("https://" + h);
    }

    private static boolean loopbackHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.startsWith("[") ? h.indexOf("]:") + 1 : h.lastIndexOf(':');
        String name = colon > 0 ? h.substring(0, colon) : h;
        return name.equals("localhost") || LOOPBACK_V4.matcher(name).matches() || name.equals("[::1]");
    }
}
