package dev.statekeeper.server;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.JsonProblem;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The server's settings, read once from {@link Settings}: where it listens, the bearer token (null = none),
 * the body limit, the two timeouts, the origins allowed CORS and whether the dashboard may write. Refuses a non-loopback address without a token, so the API is never
 * open to the network by accident.
 */
record ServerOptions(String bind, int port, String token, int maxBodyBytes, Duration readyTimeout,
                     Duration shutdownTimeout, long idempotencyBytes, boolean publicMetrics, String bindOrigin,
                     String portOrigin, Set<String> corsOrigins, boolean dashboardWrite) {
    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+](:[0-9]{1,5})?");

    /** The shortest token accepted for an address other than loopback, and how many different characters it needs. */
    static final int MIN_TOKEN_LENGTH = 32;
    static final int MIN_TOKEN_CHARACTERS = 8;

    static ServerOptions from(Settings settings) {
        ServerOptions options = new ServerOptions(settings.raw(Setting.SERVER_BIND).trim(),
                settings.integer(Setting.SERVER_PORT), settings.raw(Setting.API_TOKEN),
                settings.integer(Setting.MAX_BODY_BYTES), settings.seconds(Setting.READY_TIMEOUT),
                settings.seconds(Setting.SHUTDOWN_TIMEOUT), settings.integer(Setting.IDEMPOTENCY_MAX_BYTES),
                settings.flag(Setting.PUBLIC_METRICS), settings.origin(Setting.SERVER_BIND),
                settings.origin(Setting.SERVER_PORT), corsOrigins(settings), settings.flag(Setting.DASHBOARD_WRITE));
        String bind = Setting.SERVER_BIND.variable() + " = " + options.bind + " (" + settings.origin(Setting.SERVER_BIND)
                + ")";
        if (loopback(options.bind, bind)) {
            return options;
        }
        if (options.token == null) {
            throw new StatekeeperException(ErrorCode.CONFIG_INVALID, bind + " is not a loopback address, and the API "
                    + "would be open to the network without a token: set " + Setting.API_TOKEN.variable() + " (clients "
                    + "then send 'Authorization: Bearer TOKEN'), or bind to 127.0.0.1");
        }
        String weak = weakness(options.token);
        if (weak != null) {
            throw new StatekeeperException(ErrorCode.CONFIG_INVALID, Setting.API_TOKEN.variable() + " ("
                    + settings.origin(Setting.API_TOKEN) + ") is too weak for " + bind + ": " + weak + "; a token "
                    + "guarding the network needs at least " + MIN_TOKEN_LENGTH + " characters of which "
                    + MIN_TOKEN_CHARACTERS + " differ, such as the output of 'openssl rand -hex 32'");
        }
        return options;
    }

    /**
     * The origins of {@code STATEKEEPER_CORS_ORIGINS}, compared as browsers send them (lower case, no path, no
     * trailing slash); none when it is unset. A wildcard or anything but {@code scheme://host[:port]} is refused.
     */
    static Set<String> corsOrigins(Settings settings) {
        String raw = settings.raw(Setting.CORS_ORIGINS);
        if (raw == null) {
            return Set.of();
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String part : raw.split(",", -1)) {
            String origin = part.trim().toLowerCase(Locale.ROOT);
            if (!ORIGIN.matcher(origin).matches()) {
                throw new StatekeeperException(ErrorCode.CONFIG_INVALID, Setting.CORS_ORIGINS.variable() + " ("
                        + settings.origin(Setting.CORS_ORIGINS) + ") has " + JsonProblem.quote(part.trim())
                        + ", which is not an origin: list each as scheme://host[:port] (such as "
                        + "http://localhost:5173), separated by commas; * is not accepted");
            }
            origins.add(origin);
        }
        return Set.copyOf(origins);
    }

    /** Why a token is too weak to guard a network address (its length, never its content), or null. */
    static String weakness(String token) {
        if (token.length() < MIN_TOKEN_LENGTH) {
            return "it has " + token.length() + " characters";
        }
        long distinct = token.chars().distinct().count();
        return distinct < MIN_TOKEN_CHARACTERS ? "it has only " + distinct + " different characters" : null;
    }

    boolean authRequired() {
        return token != null;
    }

    private static boolean loopback(String bind, String shown) {
        try {
            for (InetAddress address : InetAddress.getAllByName(bind)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new StatekeeperException(ErrorCode.CONFIG_INVALID, shown + ": no such host or address; use an IP "
                    + "address such as 127.0.0.1", e);
        }
    }

    @Override
    public String toString() { // never shows the token
        return "ServerOptions[bind=" + bind + ", port=" + port + ", token=" + (token == null ? "none" : "****")
                + ", maxBodyBytes=" + maxBodyBytes + ", readyTimeout=" + readyTimeout + ", shutdownTimeout="
                + shutdownTimeout + ", idempotencyBytes=" + idempotencyBytes + ", publicMetrics=" + publicMetrics + ", corsOrigins=" + corsOrigins
                + ", dashboardWrite=" + dashboardWrite + "]";
    }
}
