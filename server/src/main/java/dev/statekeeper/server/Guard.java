package dev.statekeeper.server;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who may call the API. With a token: whoever sends it. Without one (only allowed on a loopback address): local
 * programs, but not web pages: a request with an {@code Origin} header (a browser's cross-site request) or
 * with a {@code Host} other than localhost or a loopback address (DNS rebinding) is refused with 403.
 */
final class Guard {
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    private final BearerAuth auth;

    Guard(String token) {
        this.auth = token == null ? null : new BearerAuth(token);
    }

    void check(String authorization, String origin, String host) {
        if (auth != null) {
            String problem = auth.problem(authorization);
            if (problem != null) {
                throw HttpFailure.unauthorized(problem);
            }
            return;
        }
        if (origin != null) {
            throw new HttpFailure(403, "forbidden", "requests from web pages (with an Origin header) are refused: "
                    + "without STATEKEEPER_API_TOKEN the API serves local programs only");
        }
        if (host != null && !loopbackHost(host)) {
            throw new HttpFailure(403, "forbidden", "Host '" + host + "' is not a loopback name: without "
                    + "STATEKEEPER_API_TOKEN the API answers only requests to localhost, 127.0.0.1 or [::1]");
        }
    }

    private static boolean loopbackHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.startsWith("[") ? h.indexOf("]:") + 1 : h.lastIndexOf(':');
        String name = colon > 0 ? h.substring(0, colon) : h;
        return name.equals("localhost") || LOOPBACK_V4.matcher(name).matches() || name.equals("[::1]");
    }
}
