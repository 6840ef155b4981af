package dev.statekeeper.server;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.net.BindException;

/**
 * Why the server cannot listen, told from the operating system's reason rather than Javalin's one guess ("Port
 * already in use"): an address this host does not have, a port another process holds, a port below 1024 without
 * the privilege; each naming where the address or port came from and what to change.
 */
final class BindFailure {
    private BindFailure() {
    }

    static StatekeeperException of(Exception e, ServerOptions options) {
        String reason = reason(e);
        String where = options.bind() + ":" + options.port();
        String bind = Setting.SERVER_BIND.variable() + " = " + options.bind() + " (" + options.bindOrigin() + ")";
        String port = Setting.SERVER_PORT.variable() + " = " + options.port() + " (" + options.portOrigin() + ")";
        String message;
        if (reason.contains("Cannot assign requested address")) {
            message = "cannot listen on " + where + ": this host has no address " + options.bind() + " (" + bind
                    + "); use one of its addresses ('ip -brief address' lists them), 0.0.0.0 for all, or 127.0.0.1";
        } else if (reason.contains("Address already in use")) {
            message = "cannot listen on " + where + ": another process listens on port " + options.port() + " (" + port
                    + "); stop it (ss -ltnp 'sport = :" + options.port() + "' names it) or choose another port, 0 for "
                    + "any free one";
        } else if (reason.contains("Permission denied")) {
            message = "cannot listen on " + where + ": ports below 1024 need privileges (" + port
                    + "); use a port from 1024 up, such as the default 7070";
        } else {
            message = "cannot listen on " + where + ": " + reason + " (" + bind + ", " + port + ")";
        }
        return new StatekeeperException(ErrorCode.CONFIG_INVALID, message, e);
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind && bind.getMessage() != null) {
                return bind.getMessage();
            }
        }
        return String.valueOf(e.getMessage());
    }
}
