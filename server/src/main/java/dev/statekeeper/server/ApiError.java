package dev.statekeeper.server;

import java.util.Map;

/** The body of every error response: a stable code, a message that names what went wrong, and details. */
record ApiError(String code, String message, Map<String, Object> details) {
    ApiError {
        details = Map.copyOf(details);
    }
}
