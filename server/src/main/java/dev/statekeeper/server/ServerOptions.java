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
                     Duration shutdownTimeout) {

    static ServerOptions from(Settings settings) {
        ServerOptions options = new ServerOptions(settings.raw(Setting.SERVER_BIND).trim(),
                settings.integer(Setting.SERVER_PORT), settings.raw(Setting.API_TOKEN),
                settings.integer(Setting.MAX_BODY_BYTES), settings.seconds(Setting.READY_TIMEOUT),
                settings.seconds(Setting.SHUTDOWN_TIMEOUT));
        if (options.token == null && !loopback(options.bind)) {
            throw new StatekeeperException(ErrorCode.CONFIG_INVALID, Setting.SERVER_BIND.variable() + " = "
                    + options.bind + " is not a loopback address, and the API would be open to the network without "
                    + "a token: set " + Setting.API_TOKEN.variable() + " (clients then send 'Authorization: Bearer "
                    + "TOKEN'), or bind to 127.0.0.1");
        }
        return options;
    }

    boolean authRequired() {
        return token != null;
    }

    private static boolean loopback(String bind) {
        try {
            for (InetAddress address : InetAddress.getAllByName(bind)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new StatekeeperException(ErrorCode.CONFIG_INVALID, Setting.SERVER_BIND.variable() + " = " + bind
                    + ": no such host or address; use an IP address such as 127.0.0.1", e);
        }
    }

    @Override
    public String toString() { // never shows the token
        return "ServerOptions[bind=" + bind + ", port=" + port + ", token=" + (token == null ? "none" : "****")
                + ", maxBodyBytes=" + maxBodyBytes + ", readyTimeout=" + readyTimeout + ", shutdownTimeout="
                + shutdownTimeout + "]";
    }
}
