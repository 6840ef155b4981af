package dev.statekeeper.core.config;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.error.Violation;

import java.util.List;
import java.util.Locale;

/**
 * Every setting Statekeeper reads: its variable, default, allowed range and description. This one table
 * drives validation, {@code config list}, {@code --help} and the README's settings table.
 */
public enum Setting {
    BACKEND("STATEKEEPER_BACKEND", "sqlite", Kind.BACKEND, "which backend stores the state"),
    STATE_MANAGER("STATE_MANAGER", null, Kind.choice("memory", "database"),
            "seed name, still honoured: memory, or database = the backend named by DATABASE_URL"),
    DATABASE_URL("DATABASE_URL", null, Kind.SECRET_URL,
            "postgresql://user:pass@host:port/db?sslmode=... or sqlite:/path/state.db"),
    DATA_DIR("STATEKEEPER_DATA_DIR", null, Kind.PATH,
            "where the sqlite/json files and backups live (default $XDG_STATE_HOME/statekeeper, else ~/.local/state/statekeeper)"),
    POOL_MIN_SIZE("DATABASE_POOL_MIN_SIZE", "5", Kind.integer(1, 50), "connections the pool keeps open"),
    POOL_MAX_SIZE("DATABASE_POOL_MAX_SIZE", "20", Kind.integer(1, 100), "most connections the pool opens (>= min)"),
    POOL_TIMEOUT("DATABASE_POOL_TIMEOUT", "30.0", Kind.seconds(1, 120), "seconds to wait for a pooled connection"),
    COMMAND_TIMEOUT("DATABASE_COMMAND_TIMEOUT", "60.0", Kind.seconds(1, 300), "statement timeout in seconds"),
    MAX_INACTIVE_LIFETIME("DATABASE_MAX_INACTIVE_CONNECTION_LIFETIME", "300.0", Kind.seconds(60, 86_400),
            "seconds an idle pooled connection may live"),
    LOOP_HISTORY_SIZE("STATEKEEPER_LOOP_HISTORY_SIZE", "10", Kind.integer(1, 10_000),
            "how many recently created loops the active-loop history keeps"),
    SQLITE_BUSY_TIMEOUT("STATEKEEPER_SQLITE_BUSY_TIMEOUT", "5.0", Kind.seconds(0, 600),
            "seconds a SQLite writer waits for another process's lock before failing with DATABASE_BUSY"),
    AUTO_MIGRATE("STATEKEEPER_AUTO_MIGRATE", "true", Kind.choice("true", "false"),
            "apply pending schema migrations when the store opens (else a store that is behind refuses to open "
                    + "until 'statekeeper db migrate')"),
    THRESHOLD_PLAN("STATEKEEPER_THRESHOLD_PLAN", "85", Kind.integer(0, 100), "score that completes a plan loop"),
    THRESHOLD_ROADMAP("STATEKEEPER_THRESHOLD_ROADMAP", "90", Kind.integer(0, 100), "score that completes a roadmap loop"),
    THRESHOLD_SPEC("STATEKEEPER_THRESHOLD_SPEC", "85", Kind.integer(0, 100), "score that completes a spec loop"),
    THRESHOLD_BUILD_PLAN("STATEKEEPER_THRESHOLD_BUILD_PLAN", "80", Kind.integer(0, 100),
            "score that completes a build_plan loop"),
    THRESHOLD_BUILD_CODE("STATEKEEPER_THRESHOLD_BUILD_CODE", "95", Kind.integer(0, 100),
            "score that completes a build_code loop"),
    THRESHOLD_ANALYST("STATEKEEPER_THRESHOLD_ANALYST", "90", Kind.integer(0, 100), "score that completes an analyst loop"),
    CHECKPOINT_EVERY("STATEKEEPER_CHECKPOINT_EVERY", "5", Kind.integer(1, 1000),
            "every Nth iteration asks for user input"),
    MIN_IMPROVEMENT("STATEKEEPER_MIN_IMPROVEMENT", "5", Kind.integer(0, 100),
            "a score gain below this between two feedbacks is stagnation and asks for user input"),
    JSON_BACKUPS("STATEKEEPER_JSON_BACKUPS", "5", Kind.integer(0, 100),
            "how many earlier versions of the json backend's file are kept beside it (state.json.1 ...)"),
    JSON_LOCK_TIMEOUT("STATEKEEPER_JSON_LOCK_TIMEOUT", "5.0", Kind.seconds(0, 600),
            "seconds a json-backend writer waits for another process's lock before failing with DATABASE_BUSY"),
    SERVER_BIND("STATEKEEPER_BIND", "127.0.0.1", Kind.TEXT,
            "address 'statekeeper serve' listens on; anything but loopback requires STATEKEEPER_API_TOKEN"),
    SERVER_PORT("STATEKEEPER_PORT", "7070", Kind.integer(0, 65_535), "port 'statekeeper serve' listens on (0 = any free port)"),
    API_TOKEN("STATEKEEPER_API_TOKEN", null, Kind.SECRET,
            "bearer token the HTTP API requires (required when bound to a non-loopback address)"),
    MAX_BODY_BYTES("STATEKEEPER_MAX_BODY_BYTES", "1048576", Kind.integer(1024, 64 * 1024 * 1024),
            "largest HTTP request body accepted, in bytes (larger ones get 413)"),
    READY_TIMEOUT("STATEKEEPER_READY_TIMEOUT", "2.0", Kind.seconds(0.1, 60),
            "seconds /health/ready waits for the store to answer before reporting not ready"),
    SHUTDOWN_TIMEOUT("STATEKEEPER_SHUTDOWN_TIMEOUT", "10.0", Kind.seconds(0, 300),
            "seconds the server lets in-flight requests finish after SIGTERM before closing the store"),
    PUBLIC_METRICS("STATEKEEPER_PUBLIC_METRICS", "false", Kind.choice("true", "false"),
            "with a token set, serve /metrics and the details of /health/ready without it (for a scraper that cannot send one)"),
    IDEMPOTENCY_MAX_BYTES("STATEKEEPER_IDEMPOTENCY_MAX_BYTES", "33554432", Kind.integer(65_536, 1024 * 1024 * 1024),
            "bytes of memory the server gives the responses it keeps for Idempotency-Key retries (gzipped; older ones are dropped beyond it)"),
    MCP_SESSION_IDLE("STATEKEEPER_MCP_SESSION_IDLE", "1800", Kind.seconds(10, 86_400),
            "seconds an MCP session over HTTP may go unused (no request, no open stream) before it is removed"),
    MCP_MAX_SESSIONS("STATEKEEPER_MCP_MAX_SESSIONS", "1000", Kind.integer(1, 100_000),
            "most MCP sessions over HTTP kept at once; a new one then replaces the least recently used idle one"),
    MCP_KEEPALIVE("STATEKEEPER_MCP_KEEPALIVE", "30", Kind.seconds(1, 3600),
            "seconds between keep-alive comments on open MCP event streams; a client that is gone is noticed at the next"),
    CONNECT_TIMEOUT("DATABASE_CONNECT_TIMEOUT", "10.0", Kind.seconds(1, 120),
            "seconds to open a PostgreSQL connection (TCP connect and login) before giving up"),
    KEEPALIVE_IDLE("DATABASE_KEEPALIVE_IDLE", "30", Kind.integer(1, 7200),
            "seconds a PostgreSQL connection is idle before TCP keepalive probes start (client and server side)"),
    KEEPALIVE_INTERVAL("DATABASE_KEEPALIVE_INTERVAL", "10", Kind.integer(1, 600), "seconds between TCP keepalive probes"),
    KEEPALIVE_COUNT("DATABASE_KEEPALIVE_COUNT", "5", Kind.integer(1, 60),
            "unanswered keepalive probes after which a connection is dead"),
    LEAK_DETECTION("DATABASE_LEAK_DETECTION_THRESHOLD", "60.0", Kind.seconds(0, 3600),
            "seconds a connection may be held before a warning names where it was taken (0 = off)"),
    RETRY_ATTEMPTS("STATEKEEPER_RETRY_ATTEMPTS", "4", Kind.integer(1, 20),
            "tries of an operation that failed transiently (lost connection, restart, deadlock, busy); 1 = no retry"),
    RETRY_BASE_DELAY("STATEKEEPER_RETRY_BASE_DELAY", "0.2", Kind.seconds(0, 10),
            "first retry delay in seconds; doubled for each further try, with random jitter, at most 5 s"),
    RETRY_MAX_TIME("STATEKEEPER_RETRY_MAX_TIME", "30.0", Kind.seconds(0, 600),
            "seconds after the first try beyond which a transient failure is not retried any more");

    private final String variable;
    private final String defaultValue;
    private final Kind kind;
    private final String description;

    Setting(String variable, String defaultValue, Kind kind, String description) {
        this.variable = variable;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.description = description;
    }

    public String variable() {
        return variable;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The allowed values or range, as the README and error messages show it. */
    public String range() {
        return kind.describe();
    }

    public boolean secret() {
        return kind == Kind.SECRET_URL || kind == Kind.SECRET;
    }

    /** The value as it may be shown: passwords in URLs and whole secrets (tokens) replaced by ****. */
    public String display(String value) {
        if (value == null) {
            return null;
        }
        return kind == Kind.SECRET ? "****" : kind == Kind.SECRET_URL ? Secrets.maskUrl(value) : value;
    }

    Kind kind() {
        return kind;
    }

    /** The broken rule of a value, or null when it is in range; {@code origin} ends the rule: "(from the environment)". */
    Violation check(String value, String origin) {
        String problem = kind.check(value);
        return problem == null ? null : new Violation(variable, display(value), problem + " (" + origin + ")");
    }

    /** Value kinds with their checks; a check returns null when the value is fine, else the rule broken. */
    record Kind(String name, List<String> choices, double min, double max) {
        static final Kind PATH = new Kind("path", List.of(), 0, 0);
        static final Kind SECRET_URL = new Kind("url", List.of(), 0, 0);
        static final Kind TEXT = new Kind("text", List.of(), 0, 0);
        static final Kind SECRET = new Kind("secret", List.of(), 0, 0);
        /** The name of an installed backend ({@link Backends}). */
        static final Kind BACKEND = new Kind("backend", List.of(), 0, 0);

        static Kind choice(String... values) {
            return new Kind("choice", List.of(values), 0, 0);
        }

        static Kind integer(int min, int max) {
            return new Kind("integer", List.of(), min, max);
        }

        static Kind seconds(double min, double max) {
            return new Kind("seconds", List.of(), min, max);
        }

        String describe() {
            return switch (name) {
                case "choice" -> String.join(", ", choices);
                case "backend" -> String.join(", ", Backends.names());
                case "integer" -> (long) min + "-" + (long) max;
                case "seconds" -> fmt(min) + "-" + fmt(max) + " s";
                case "url" -> "postgresql://... or sqlite:/path";
                case "text" -> "text";
                case "secret" -> "text (secret, shown as ****)";
                default -> "a directory";
            };
        }

        String check(String value) {
            switch (name) {
                case "choice":
                    return choices.contains(value.trim().toLowerCase(Locale.ROOT)) ? null
                            : "must be one of " + String.join(", ", choices);
                case "backend":
                    List<String> names = Backends.names();
                    return names.contains(value.trim().toLowerCase(Locale.ROOT)) ? null
                            : "must be one of " + String.join(", ", names);
                case "integer":
                    if (!value.trim().matches("-?\\d{1,9}")) {
                        return "must be a whole number between " + (long) min + " and " + (long) max;
                    }
                    try {
                        long v = Long.parseLong(value.trim());
                        return v < min || v > max ? "must be between " + (long) min + " and " + (long) max : null;
                    } catch (NumberFormatException e) {
                        return "must be a whole number between " + (long) min + " and " + (long) max;
                    }
                case "seconds":
                    if (!value.trim().matches("-?\\d{1,9}(\\.\\d+)?")) {
                        return "must be a number of seconds between " + fmt(min) + " and " + fmt(max);
                    }
                    try {
                        double v = Double.parseDouble(value.trim());
                        return !(v >= min && v <= max) ? "must be between " + fmt(min) + " and " + fmt(max) + " seconds" : null;
                    } catch (NumberFormatException e) {
                        return "must be a number of seconds between " + fmt(min) + " and " + fmt(max);
                    }
                case "url":
                    return databaseUrlProblem(value.trim());
                default:
                    return value.isBlank() ? "must not be empty" : null;
            }
        }

        /**
         * The rule a DATABASE_URL breaks, said by the backend that claims it, or else the schemes of the backends
         * that take one, sorted: "must start with postgresql:// or sqlite:".
         */
        private static String databaseUrlProblem(String url) {
            List<StateStoreProvider> backends = Backends.databaseUrlBackends();
            for (StateStoreProvider backend : backends) {
                if (backend.claims(url)) {
                    return backend.urlProblem(url);
                }
            }
            if (backends.isEmpty()) {
                return "names no store: none of the installed backends (" + String.join(", ", Backends.names())
                        + ") keeps its location in a URL";
            }
            return "must start with "
                    + String.join(" or ", backends.stream().map(b -> b.schemes().getFirst()).sorted().toList());
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }
    }
}
