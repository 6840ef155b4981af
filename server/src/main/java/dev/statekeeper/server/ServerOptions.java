package dev.statekeeper.server;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The server's settings, read once from {@link Settings}: where it listens, the bearer token (null = none),
 * the body limit and the two timeouts. Refuses a non-loopback address without a token, so the API is never
 * open to the network by accident.
 */
record ServerOptions(String bind, int port, String token, int maxBodyBytes, Duration readyTimeout,
                     Duration shutdownTimeout, long idempotencyBytes, boolean publicMetrics, String bindOrigin,
                     String portOrigin) {
    /** The shortest token accepted for an address other than loopback, and how many different characters it needs. */
    static final int MIN_TOKEN_LENGTH = 32;
    static final int MIN_TOKEN_CHARACTERS = 8;

    static ServerOptions from(Settings settings) {
        ServerOptions options = new ServerOptions(settings.raw(Setting.SERVER_BIND).trim(),
                settings.integer(Setting.SERVER_PORT), settings.raw(Setting.API_TOKEN),
                settings.integer(Setting.MAX_BODY_BYTES), settings.seconds(Setting.READY_TIMEOUT),
                settings.seconds(Setting.SHUTDOWN_TIMEOUT), settings.integer(Setting.IDEMPOTENCY_MAX_BYTES),
                settings.flag(Setting.PUBLIC_METRICS), settings.origin(Setting.SERVER_BIND),
                settings.origin(Setting.SERVER_PORT));
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
                + shutdownTimeout + ", idempotencyBytes=" + idempotencyBytes + ", publicMetrics=" + publicMetrics + "]";
    }
}
