package dev.statekeeper.core.config;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.internal.config.Secrets;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every setting Statekeeper reads: its variable, default, {@link Kind} (allowed values and typed form) and
 * description. This one table drives validation, {@code config list}, {@code --help} and the README's settings
 * table.
 */
public enum Setting {
    /** {@code STATEKEEPER_BACKEND}, default {@code sqlite}: which backend stores the state. */
    BACKEND("STATEKEEPER_BACKEND", "sqlite", Kind.BACKEND, "which backend stores the state"),
    /**
     * {@code STATE_MANAGER}, the seed's name, still honoured: {@code memory}, or {@code database} for the backend
     * that claims DATABASE_URL; STATEKEEPER_BACKEND, when set, wins.
     */
    STATE_MANAGER("STATE_MANAGER", null, Kind.choice("memory", "database"),
            "seed name, still honoured: memory, or database = the backend named by DATABASE_URL"),
    /**
     * {@code DATABASE_URL}: the SQL database, {@code postgresql://user:pass@host:port/db?sslmode=...} or
     * {@code sqlite:/path/state.db}; secret (its password is masked when shown).
     */
    DATABASE_URL("DATABASE_URL", null, Kind.SECRET_URL,
            "postgresql://user:pass@host:port/db?sslmode=... or sqlite:/path/state.db"),
    /**
     * {@code STATEKEEPER_DATA_DIR}: where the sqlite/json files and backups live (default $XDG_STATE_HOME/statekeeper,
     * else ~/.local/state/statekeeper).
     */
    DATA_DIR("STATEKEEPER_DATA_DIR", null, Kind.PATH,
            "where the sqlite/json files and backups live (default $XDG_STATE_HOME/statekeeper, else ~/.local/state/statekeeper)"),
    /** {@code DATABASE_POOL_MIN_SIZE}, default {@code 5}: connections the pool keeps open. */
    POOL_MIN_SIZE("DATABASE_POOL_MIN_SIZE", "5", Kind.integer(1, 50), "connections the pool keeps open"),
    /** {@code DATABASE_POOL_MAX_SIZE}, default {@code 20}: most connections the pool opens (>= min). */
    POOL_MAX_SIZE("DATABASE_POOL_MAX_SIZE", "20", Kind.integer(1, 100), "most connections the pool opens (>= min)"),
    /** {@code DATABASE_POOL_TIMEOUT}, default {@code 30.0}: seconds to wait for a pooled connection. */
    POOL_TIMEOUT("DATABASE_POOL_TIMEOUT", "30.0", Kind.seconds(1, 120), "seconds to wait for a pooled connection"),
    /** {@code DATABASE_COMMAND_TIMEOUT}, default {@code 60.0}: statement timeout in seconds. */
    COMMAND_TIMEOUT("DATABASE_COMMAND_TIMEOUT", "60.0", Kind.seconds(1, 300), "statement timeout in seconds"),
    /**
     * {@code DATABASE_MAX_INACTIVE_CONNECTION_LIFETIME}, default {@code 300.0}: seconds an idle pooled connection may
     * live.
     */
    MAX_INACTIVE_LIFETIME("DATABASE_MAX_INACTIVE_CONNECTION_LIFETIME", "300.0", Kind.seconds(60, 86_400),
            "seconds an idle pooled connection may live"),
    /**
     * {@code STATEKEEPER_LOOP_HISTORY_SIZE}, default {@code 10}: how many recently created loops the active-loop
     * history keeps.
     */
    LOOP_HISTORY_SIZE("STATEKEEPER_LOOP_HISTORY_SIZE", "10", Kind.integer(1, 10_000),
            "how many recently created loops the active-loop history keeps"),
    /**
     * {@code STATEKEEPER_SQLITE_BUSY_TIMEOUT}, default {@code 5.0}: seconds a SQLite writer waits for another process's
     * lock before failing with DATABASE_BUSY.
     */
    SQLITE_BUSY_TIMEOUT("STATEKEEPER_SQLITE_BUSY_TIMEOUT", "5.0", Kind.seconds(0, 600),
            "seconds a SQLite writer waits for another process's lock before failing with DATABASE_BUSY"),
    /**
     * {@code STATEKEEPER_AUTO_MIGRATE}, default {@code true}: apply pending schema migrations when the store opens
     * (else a store that is behind refuses to open until 'statekeeper db migrate').
     */
    AUTO_MIGRATE("STATEKEEPER_AUTO_MIGRATE", "true", Kind.BOOLEAN,
            "apply pending schema migrations when the store opens (else a store that is behind refuses to open "
                    + "until 'statekeeper db migrate')"),
    /** {@code STATEKEEPER_THRESHOLD_PLAN}, default {@code 85}: score that completes a plan loop. */
    THRESHOLD_PLAN("STATEKEEPER_THRESHOLD_PLAN", "85", Kind.integer(0, 100), "score that completes a plan loop"),
    /** {@code STATEKEEPER_THRESHOLD_ROADMAP}, default {@code 90}: score that completes a roadmap loop. */
    THRESHOLD_ROADMAP("STATEKEEPER_THRESHOLD_ROADMAP", "90", Kind.integer(0, 100), "score that completes a roadmap loop"),
    /** {@code STATEKEEPER_THRESHOLD_SPEC}, default {@code 85}: score that completes a spec loop. */
    THRESHOLD_SPEC("STATEKEEPER_THRESHOLD_SPEC", "85", Kind.integer(0, 100), "score that completes a spec loop"),
    /** {@code STATEKEEPER_THRESHOLD_BUILD_PLAN}, default {@code 80}: score that completes a build_plan loop. */
    THRESHOLD_BUILD_PLAN("STATEKEEPER_THRESHOLD_BUILD_PLAN", "80", Kind.integer(0, 100),
            "score that completes a build_plan loop"),
    /** {@code STATEKEEPER_THRESHOLD_BUILD_CODE}, default {@code 95}: score that completes a build_code loop. */
    THRESHOLD_BUILD_CODE("STATEKEEPER_THRESHOLD_BUILD_CODE", "95", Kind.integer(0, 100),
            "score that completes a build_code loop"),
    /** {@code STATEKEEPER_THRESHOLD_ANALYST}, default {@code 90}: score that completes an analyst loop. */
    THRESHOLD_ANALYST("STATEKEEPER_THRESHOLD_ANALYST", "90", Kind.integer(0, 100), "score that completes an analyst loop"),
    /** {@code STATEKEEPER_CHECKPOINT_EVERY}, default {@code 5}: every Nth iteration asks for user input. */
    CHECKPOINT_EVERY("STATEKEEPER_CHECKPOINT_EVERY", "5", Kind.integer(1, 1000),
            "every Nth iteration asks for user input"),
    /**
     * {@code STATEKEEPER_MIN_IMPROVEMENT}, default {@code 5}: a score gain below this between two feedbacks is
     * stagnation and asks for user input.
     */
    MIN_IMPROVEMENT("STATEKEEPER_MIN_IMPROVEMENT", "5", Kind.integer(0, 100),
            "a score gain below this between two feedbacks is stagnation and asks for user input"),
    /**
     * {@code STATEKEEPER_JSON_BACKUPS}, default {@code 5}: how many earlier versions of the json backend's file are
     * kept beside it (state.json.1 ...).
     */
    JSON_BACKUPS("STATEKEEPER_JSON_BACKUPS", "5", Kind.integer(0, 100),
            "how many earlier versions of the json backend's file are kept beside it (state.json.1 ...)"),
    /**
     * {@code STATEKEEPER_JSON_LOCK_TIMEOUT}, default {@code 5.0}: seconds a json-backend writer waits for another
     * process's lock before failing with DATABASE_BUSY.
     */
    JSON_LOCK_TIMEOUT("STATEKEEPER_JSON_LOCK_TIMEOUT", "5.0", Kind.seconds(0, 600),
            "seconds a json-backend writer waits for another process's lock before failing with DATABASE_BUSY"),
    /**
     * {@code STATEKEEPER_BIND}, default {@code 127.0.0.1}: address 'statekeeper serve' listens on; anything but
     * loopback requires STATEKEEPER_API_TOKEN.
     */
    SERVER_BIND("STATEKEEPER_BIND", "127.0.0.1", Kind.TEXT,
            "address 'statekeeper serve' listens on; anything but loopback requires STATEKEEPER_API_TOKEN"),
    /** {@code STATEKEEPER_PORT}, default {@code 7070}: port 'statekeeper serve' listens on (0 = any free port). */
    SERVER_PORT("STATEKEEPER_PORT", "7070", Kind.integer(0, 65_535), "port 'statekeeper serve' listens on (0 = any free port)"),
    /**
     * {@code STATEKEEPER_API_TOKEN}: bearer token the HTTP API requires (required when bound to a non-loopback
     * address).
     */
    API_TOKEN("STATEKEEPER_API_TOKEN", null, Kind.SECRET,
            "bearer token the HTTP API requires (required when bound to a non-loopback address)"),
    /**
     * {@code STATEKEEPER_CORS_ORIGINS}: origins (scheme://host[:port], comma-separated) whose web pages may call the
     * HTTP API (CORS); unset, no page may.
     */
    CORS_ORIGINS("STATEKEEPER_CORS_ORIGINS", null, Kind.TEXT,
            "origins (scheme://host[:port], comma-separated) whose web pages may call the HTTP API (CORS); unset, no page may"),
    /**
     * {@code STATEKEEPER_MAX_BODY_BYTES}, default {@code 1048576}: largest HTTP request body accepted, in bytes (larger
     * ones get 413).
     */
    MAX_BODY_BYTES("STATEKEEPER_MAX_BODY_BYTES", "1048576", Kind.integer(1024, 64 * 1024 * 1024),
            "largest HTTP request body accepted, in bytes (larger ones get 413)"),
    /**
     * {@code STATEKEEPER_READY_TIMEOUT}, default {@code 2.0}: seconds /health/ready waits for the store to answer
     * before reporting not ready.
     */
    READY_TIMEOUT("STATEKEEPER_READY_TIMEOUT", "2.0", Kind.seconds(0.1, 60),
            "seconds /health/ready waits for the store to answer before reporting not ready"),
    /**
     * {@code STATEKEEPER_SHUTDOWN_TIMEOUT}, default {@code 10.0}: seconds the server lets in-flight requests finish
     * after SIGTERM before closing the store.
     */
    SHUTDOWN_TIMEOUT("STATEKEEPER_SHUTDOWN_TIMEOUT", "10.0", Kind.seconds(0, 300),
            "seconds the server lets in-flight requests finish after SIGTERM before closing the store"),
    /**
     * {@code STATEKEEPER_PUBLIC_METRICS}, default {@code false}: with a token set, serve /metrics and the details of
     * /health/ready without it (for a scraper that cannot send one).
     */
    PUBLIC_METRICS("STATEKEEPER_PUBLIC_METRICS", "false", Kind.BOOLEAN,
            "with a token set, serve /metrics and the details of /health/ready without it (for a scraper that cannot send one)"),
    /**
     * {@code STATEKEEPER_DASHBOARD_WRITE}, default {@code false}: show the dashboard's actions that change state (end
     * a session, decide a loop, clean old sessions), each confirmed, then sent through the HTTP API with an
     * Idempotency-Key.
     */
    DASHBOARD_WRITE("STATEKEEPER_DASHBOARD_WRITE", "false", Kind.BOOLEAN,
            "show the dashboard's actions that change state (end a session, decide a loop, clean old sessions), each "
                    + "confirmed, then sent through the HTTP API with an Idempotency-Key"),
    /**
     * {@code STATEKEEPER_IDEMPOTENCY_MAX_BYTES}, default {@code 1048576}: the largest response body the store keeps
     * for an Idempotency-Key retry to replay (a larger one is not kept: its retry is answered 409, naming the record).
     */
    IDEMPOTENCY_MAX_BYTES("STATEKEEPER_IDEMPOTENCY_MAX_BYTES", "1048576", Kind.integer(1024, 64 * 1024 * 1024),
            "the largest response body the store keeps for an Idempotency-Key retry to replay (a larger one is not kept: its retry is answered 409, naming the record)"),
    /**
     * {@code STATEKEEPER_MCP_SESSION_IDLE}, default {@code 1800}: seconds an MCP session over HTTP may go unused (no
     * request, no open stream) before it is removed.
     */
    MCP_SESSION_IDLE("STATEKEEPER_MCP_SESSION_IDLE", "1800", Kind.seconds(10, 86_400),
            "seconds an MCP session over HTTP may go unused (no request, no open stream) before it is removed"),
    /**
     * {@code STATEKEEPER_MCP_MAX_SESSIONS}, default {@code 1000}: most MCP sessions over HTTP kept at once; a new one
     * then replaces the least recently used idle one.
     */
    MCP_MAX_SESSIONS("STATEKEEPER_MCP_MAX_SESSIONS", "1000", Kind.integer(1, 100_000),
            "most MCP sessions over HTTP kept at once; a new one then replaces the least recently used idle one"),
    /**
     * {@code STATEKEEPER_MCP_KEEPALIVE}, default {@code 30}: seconds between keep-alive comments on open MCP event
     * streams; a client that is gone is noticed at the next.
     */
    MCP_KEEPALIVE("STATEKEEPER_MCP_KEEPALIVE", "30", Kind.seconds(1, 3600),
            "seconds between keep-alive comments on open MCP event streams; a client that is gone is noticed at the next"),
    /**
     * {@code DATABASE_CONNECT_TIMEOUT}, default {@code 10.0}: seconds to open a PostgreSQL connection (TCP connect and
     * login) before giving up.
     */
    CONNECT_TIMEOUT("DATABASE_CONNECT_TIMEOUT", "10.0", Kind.seconds(1, 120),
            "seconds to open a PostgreSQL connection (TCP connect and login) before giving up"),
    /**
     * {@code DATABASE_KEEPALIVE_IDLE}, default {@code 30}: seconds a PostgreSQL connection is idle before TCP keepalive
     * probes start (client and server side).
     */
    KEEPALIVE_IDLE("DATABASE_KEEPALIVE_IDLE", "30", Kind.integer(1, 7200),
            "seconds a PostgreSQL connection is idle before TCP keepalive probes start (client and server side)"),
    /** {@code DATABASE_KEEPALIVE_INTERVAL}, default {@code 10}: seconds between TCP keepalive probes. */
    KEEPALIVE_INTERVAL("DATABASE_KEEPALIVE_INTERVAL", "10", Kind.integer(1, 600), "seconds between TCP keepalive probes"),
    /**
     * {@code DATABASE_KEEPALIVE_COUNT}, default {@code 5}: unanswered keepalive probes after which a connection is
     * dead.
     */
    KEEPALIVE_COUNT("DATABASE_KEEPALIVE_COUNT", "5", Kind.integer(1, 60),
            "unanswered keepalive probes after which a connection is dead"),
    /**
     * {@code DATABASE_LEAK_DETECTION_THRESHOLD}, default {@code 60.0}: seconds a connection may be held before a
     * warning names where it was taken (0 = off).
     */
    LEAK_DETECTION("DATABASE_LEAK_DETECTION_THRESHOLD", "60.0", Kind.seconds(0, 3600),
            "seconds a connection may be held before a warning names where it was taken (0 = off)"),
    /**
     * {@code STATEKEEPER_RETRY_ATTEMPTS}, default {@code 4}: tries of an operation that failed transiently (lost
     * connection, restart, deadlock, busy); 1 = no retry.
     */
    RETRY_ATTEMPTS("STATEKEEPER_RETRY_ATTEMPTS", "4", Kind.integer(1, 20),
            "tries of an operation that failed transiently (lost connection, restart, deadlock, busy); 1 = no retry"),
    /**
     * {@code STATEKEEPER_RETRY_BASE_DELAY}, default {@code 0.2}: first retry delay in seconds; doubled for each further
     * try, with random jitter, at most 5 s.
     */
    RETRY_BASE_DELAY("STATEKEEPER_RETRY_BASE_DELAY", "0.2", Kind.seconds(0, 10),
            "first retry delay in seconds; doubled for each further try, with random jitter, at most 5 s"),
    /**
     * {@code STATEKEEPER_RETRY_MAX_TIME}, default {@code 30.0}: seconds after the first try beyond which a transient
     * failure is not retried any more.
     */
    RETRY_MAX_TIME("STATEKEEPER_RETRY_MAX_TIME", "30.0", Kind.seconds(0, 600),
            "seconds after the first try beyond which a transient failure is not retried any more"),
    /**
     * {@code STATEKEEPER_BACKUP_INTERVAL}, default {@code 86400}: seconds between the backups you schedule ('db
     * backup' from cron); the doctor's backup-age is P2 when the newest backup is older than twice this.
     */
    BACKUP_INTERVAL("STATEKEEPER_BACKUP_INTERVAL", "86400", Kind.seconds(60, 31_536_000),
            "seconds between the backups you schedule ('db backup' from cron); the doctor's backup-age is P2 when the "
                    + "newest backup is older than twice this"),

    // What the CLI logs on stderr (stdout is the command's output).
    /**
     * {@code STATEKEEPER_LOG_LEVEL}, default {@code warn}: the least severe log messages printed on stderr; unset,
     * 'statekeeper serve' still logs its requests, start and stop at info.
     */
    LOG_LEVEL("STATEKEEPER_LOG_LEVEL", "warn", Kind.choice("error", "warn", "info", "debug"),
            "the least severe log messages printed on stderr; unset, 'statekeeper serve' still logs its requests, "
                    + "start and stop at info"),
    /**
     * {@code STATEKEEPER_LOG_FORMAT}, default {@code text}: log lines as text, or one JSON object per line (time,
     * level, logger, message, fields).
     */
    LOG_FORMAT("STATEKEEPER_LOG_FORMAT", "text", Kind.choice("text", "json"),
            "log lines as text, or json: one object per line with time, level, logger, message and fields"),

    // The operation log ('statekeeper perf'): every store operation timed, per minute, kept in the store.
    /**
     * {@code STATEKEEPER_OPLOG}, default {@code true}: keep the operation log (per-minute timings of every store
     * operation and the slow ones) in the store, for 'statekeeper perf' across processes; false keeps it in the
     * process only.
     */
    OPLOG("STATEKEEPER_OPLOG", "true", Kind.BOOLEAN,
            "keep the operation log (per-minute timings of every store operation, and the slow ones) in the store for "
                    + "'statekeeper perf'; false keeps it in the process only"),
    /**
     * {@code STATEKEEPER_OPLOG_RETENTION}, default {@code 604800} (7 days): seconds the stored operation log keeps
     * its minutes and slow operations; older ones are pruned by the log's writer.
     */
    OPLOG_RETENTION("STATEKEEPER_OPLOG_RETENTION", "604800", Kind.seconds(3_600, 31_536_000),
            "seconds the stored operation log keeps minutes and slow operations (pruned by its writer)"),
    /**
     * {@code STATEKEEPER_SLOW_OPERATION_MS}, default {@code 1000}: a store operation at least this long is recorded
     * one by one ('statekeeper perf slow') and logged at WARN; the doctor's slow-operations check is P2 when an
     * operation's p95 over the last hour is above it.
     */
    SLOW_OPERATION_MS("STATEKEEPER_SLOW_OPERATION_MS", "1000", Kind.integer(1, 3_600_000),
            "milliseconds from which a store operation is recorded as slow ('statekeeper perf slow', a WARN line); "
                    + "the doctor's slow-operations is P2 when an operation's p95 over the last hour is above it"),

    // The change history ('statekeeper events'): one event per write, kept in the store.
    /**
     * {@code STATEKEEPER_EVENTS_RETENTION}, default {@code 7776000} (90 days): seconds the change history keeps its
     * events (and the Idempotency-Keys of writes); older ones are pruned by 'statekeeper db maintain'.
     */
    EVENTS_RETENTION("STATEKEEPER_EVENTS_RETENTION", "7776000", Kind.seconds(3_600, 3_153_600_000L),
            "seconds the change history keeps its events and the writes' Idempotency-Keys (pruned by 'db maintain')"),
    /**
     * {@code STATEKEEPER_EVENTS_POLL}, default {@code 0.25}: seconds between two looks at the newest event when a
     * follower waits on a store other processes write too (SQLite and json; PostgreSQL is told by LISTEN/NOTIFY and
     * looks this often only as a fallback).
     */
    EVENTS_POLL("STATEKEEPER_EVENTS_POLL", "0.25", Kind.seconds(0.01, 60),
            "seconds between two looks at the newest event while following a store other processes write too "
                    + "(SQLite, json; PostgreSQL's LISTEN/NOTIFY wakes followers at once)"),

    // The doctor's run and thresholds ('statekeeper doctor'): each named in the findings it decides.
    /**
     * {@code STATEKEEPER_DOCTOR_CHECK_TIMEOUT}, default {@code 10.0}: seconds one doctor check may run before it is
     * stopped and reported as an error.
     */
    DOCTOR_CHECK_TIMEOUT("STATEKEEPER_DOCTOR_CHECK_TIMEOUT", "10.0", Kind.seconds(0.1, 600),
            "seconds one doctor check may run before it is stopped and reported as an error"),
    /**
     * {@code STATEKEEPER_DOCTOR_BUDGET}, default {@code 60.0}: seconds a whole doctor run may take; checks not started
     * by then are skipped.
     */
    DOCTOR_BUDGET("STATEKEEPER_DOCTOR_BUDGET", "60.0", Kind.seconds(1, 3600),
            "seconds a whole doctor run may take; checks not started by then are skipped"),
    /**
     * {@code STATEKEEPER_DOCTOR_DISK_FREE_PERCENT}, default {@code 20}: doctor disk-space: P2 when less than this
     * percentage of the store's file system is free.
     */
    DOCTOR_DISK_FREE_PERCENT("STATEKEEPER_DOCTOR_DISK_FREE_PERCENT", "20", Kind.integer(1, 99),
            "doctor disk-space: P2 when less than this percentage of the store's file system is free"),
    /**
     * {@code STATEKEEPER_DOCTOR_DISK_FREE_CRITICAL_PERCENT}, default {@code 5}: doctor disk-space: P1 when less than
     * this percentage is free.
     */
    DOCTOR_DISK_FREE_CRITICAL_PERCENT("STATEKEEPER_DOCTOR_DISK_FREE_CRITICAL_PERCENT", "5", Kind.integer(0, 99),
            "doctor disk-space: P1 when less than this percentage is free"),
    /**
     * {@code STATEKEEPER_DOCTOR_FREELIST_PERCENT}, default {@code 25}: doctor freelist: P3 when at least this
     * percentage of a SQLite file's pages are free (and over the floor below).
     */
    DOCTOR_FREELIST_PERCENT("STATEKEEPER_DOCTOR_FREELIST_PERCENT", "25", Kind.integer(1, 100),
            "doctor freelist: P3 when at least this percentage of a SQLite file's pages are free (and over the floor below)"),
    /**
     * {@code STATEKEEPER_DOCTOR_FREELIST_MIN_MB}, default {@code 16}: doctor freelist: MiB of free pages below which a
     * SQLite file's free list is never a finding.
     */
    DOCTOR_FREELIST_MIN_MB("STATEKEEPER_DOCTOR_FREELIST_MIN_MB", "16", Kind.integer(0, 1_048_576),
            "doctor freelist: MiB of free pages below which a SQLite file's free list is never a finding"),
    /**
     * {@code STATEKEEPER_DOCTOR_WAL_MAX_MB}, default {@code 64}: doctor wal-size: P2 when a SQLite file's -wal file is
     * larger than this many MiB.
     */
    DOCTOR_WAL_MAX_MB("STATEKEEPER_DOCTOR_WAL_MAX_MB", "64", Kind.integer(1, 1_048_576),
            "doctor wal-size: P2 when a SQLite file's -wal file is larger than this many MiB"),
    /**
     * {@code STATEKEEPER_DOCTOR_STATS_MIN_ROWS}, default {@code 1000}: doctor stats-age: tables with fewer rows than
     * this need no planner statistics (sqlite_stat1).
     */
    DOCTOR_STATS_MIN_ROWS("STATEKEEPER_DOCTOR_STATS_MIN_ROWS", "1000", Kind.integer(0, 1_000_000_000),
            "doctor stats-age: tables with fewer rows than this need no planner statistics (sqlite_stat1)"),
    /**
     * {@code STATEKEEPER_DOCTOR_JSON_MAX_MB}, default {@code 10}: doctor file-size: P3 when the json store's file is
     * larger than this many MiB (every write rewrites it whole).
     */
    DOCTOR_JSON_MAX_MB("STATEKEEPER_DOCTOR_JSON_MAX_MB", "10", Kind.integer(1, 1_048_576),
            "doctor file-size: P3 when the json store's file is larger than this many MiB (every write rewrites it whole)"),
    /**
     * {@code STATEKEEPER_DOCTOR_LOCK_AGE}, default {@code 60}: doctor lock: P1 when a json store's write lock has been
     * held longer than this many seconds.
     */
    DOCTOR_LOCK_AGE("STATEKEEPER_DOCTOR_LOCK_AGE", "60", Kind.seconds(1, 86_400),
            "doctor lock: P1 when a json store's write lock has been held longer than this many seconds"),
    /**
     * {@code STATEKEEPER_DOCTOR_POOL_PERCENT}, default {@code 80}: doctor pool-usage: P2 when the connections the
     * serving process's pool lends out are at least this percentage of DATABASE_POOL_MAX_SIZE.
     */
    DOCTOR_POOL_PERCENT("STATEKEEPER_DOCTOR_POOL_PERCENT", "80", Kind.integer(1, 100),
            "doctor pool-usage: P2 when the connections the serving process's pool lends out are at least this percentage of DATABASE_POOL_MAX_SIZE"),
    /**
     * {@code STATEKEEPER_DOCTOR_POOL_CRITICAL_PERCENT}, default {@code 100}: doctor pool-usage: P1 when they are at
     * least this percentage (at 100: every connection lent out, the next caller waits); a caller waiting is P1
     * always.
     */
    DOCTOR_POOL_CRITICAL_PERCENT("STATEKEEPER_DOCTOR_POOL_CRITICAL_PERCENT", "100", Kind.integer(1, 100),
            "doctor pool-usage: P1 when they are at least this percentage (100: all lent out, the next caller waits); a caller waiting for a connection is P1 always"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_CONNECTIONS_PERCENT}, default {@code 80}: doctor server-connections: P2 when
     * PostgreSQL's client connections fill this percentage of the usable slots (max_connections less the reserved
     * ones).
     */
    DOCTOR_PG_CONNECTIONS_PERCENT("STATEKEEPER_DOCTOR_PG_CONNECTIONS_PERCENT", "80", Kind.integer(1, 100),
            "doctor server-connections: P2 when PostgreSQL's client connections fill this percentage of the usable slots (max_connections less the reserved ones)"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_CONNECTIONS_CRITICAL_PERCENT}, default {@code 95}: doctor server-connections: P1
     * when they fill this percentage.
     */
    DOCTOR_PG_CONNECTIONS_CRITICAL_PERCENT("STATEKEEPER_DOCTOR_PG_CONNECTIONS_CRITICAL_PERCENT", "95", Kind.integer(1, 100),
            "doctor server-connections: P1 when they fill this percentage"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_LONG_QUERY}, default {@code 60}: doctor long-running-queries: P2 when a statement
     * in the database has been running longer than this many seconds.
     */
    DOCTOR_PG_LONG_QUERY("STATEKEEPER_DOCTOR_PG_LONG_QUERY", "60", Kind.seconds(0, 86_400),
            "doctor long-running-queries: P2 when a statement in the database has been running longer than this many seconds"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_LONG_QUERY_CRITICAL}, default {@code 300}: doctor long-running-queries: P1 when one
     * has been running longer than this.
     */
    DOCTOR_PG_LONG_QUERY_CRITICAL("STATEKEEPER_DOCTOR_PG_LONG_QUERY_CRITICAL", "300", Kind.seconds(0, 86_400),
            "doctor long-running-queries: P1 when one has been running longer than this"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_IDLE_IN_TRANSACTION}, default {@code 60}: doctor idle-in-transaction: P2 when a
     * session has sat idle inside an open transaction longer than this many seconds (since its last statement).
     */
    DOCTOR_PG_IDLE_IN_TRANSACTION("STATEKEEPER_DOCTOR_PG_IDLE_IN_TRANSACTION", "60", Kind.seconds(0, 86_400),
            "doctor idle-in-transaction: P2 when a session has sat idle inside an open transaction longer than this many seconds (since its last statement)"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_IDLE_IN_TRANSACTION_CRITICAL}, default {@code 300}: doctor idle-in-transaction: P1
     * when one has sat idle longer than this.
     */
    DOCTOR_PG_IDLE_IN_TRANSACTION_CRITICAL("STATEKEEPER_DOCTOR_PG_IDLE_IN_TRANSACTION_CRITICAL", "300", Kind.seconds(0, 86_400),
            "doctor idle-in-transaction: P1 when one has sat idle longer than this"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_LOCK_WAIT}, default {@code 10}: doctor blocked-queries: P2 when a statement has
     * waited for another session's lock longer than this many seconds.
     */
    DOCTOR_PG_LOCK_WAIT("STATEKEEPER_DOCTOR_PG_LOCK_WAIT", "10", Kind.seconds(0, 86_400),
            "doctor blocked-queries: P2 when a statement has waited for another session's lock longer than this many seconds"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_LOCK_WAIT_CRITICAL}, default {@code 60}: doctor blocked-queries: P1 when one has
     * waited longer than this.
     */
    DOCTOR_PG_LOCK_WAIT_CRITICAL("STATEKEEPER_DOCTOR_PG_LOCK_WAIT_CRITICAL", "60", Kind.seconds(0, 86_400),
            "doctor blocked-queries: P1 when one has waited longer than this"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_FREEZE_AGE_PERCENT}, default {@code 125}: doctor xid-wraparound and mxid-
     * wraparound: P2 when a database's oldest unfrozen transaction (multixact) id is at least this percentage of
     * autovacuum_freeze_max_age (autovacuum_multixact_freeze_max_age) old: anti-wraparound vacuum is not keeping up.
     */
    DOCTOR_PG_FREEZE_AGE_PERCENT("STATEKEEPER_DOCTOR_PG_FREEZE_AGE_PERCENT", "125", Kind.integer(0, 1000),
            "doctor xid-wraparound and mxid-wraparound: P2 when a database's oldest unfrozen transaction (multixact) id is at least this percentage of autovacuum_freeze_max_age (autovacuum_multixact_freeze_max_age) old: anti-wraparound vacuum is not keeping up"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_WRAPAROUND_PERCENT}, default {@code 50}: doctor xid-wraparound and mxid-wraparound:
     * P1 when it has used this percentage of the 2^31 ids before wraparound (PostgreSQL stops assigning them 3 million
     * short of it: P0).
     */
    DOCTOR_PG_WRAPAROUND_PERCENT("STATEKEEPER_DOCTOR_PG_WRAPAROUND_PERCENT", "50", Kind.integer(1, 100),
            "doctor xid-wraparound and mxid-wraparound: P1 when it has used this percentage of the 2^31 ids before wraparound (PostgreSQL stops assigning them 3 million short of it: P0)"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_SEQUENCE_PERCENT}, default {@code 85}: doctor sequence-exhaustion: P2 when a
     * sequence has used this percentage of its range (or of its column's type, when that is smaller).
     */
    DOCTOR_PG_SEQUENCE_PERCENT("STATEKEEPER_DOCTOR_PG_SEQUENCE_PERCENT", "85", Kind.integer(1, 100),
            "doctor sequence-exhaustion: P2 when a sequence has used this percentage of its range (or of its column's type, when that is smaller)"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_SEQUENCE_CRITICAL_PERCENT}, default {@code 95}: doctor sequence-exhaustion: P1 when
     * it has used this percentage.
     */
    DOCTOR_PG_SEQUENCE_CRITICAL_PERCENT("STATEKEEPER_DOCTOR_PG_SEQUENCE_CRITICAL_PERCENT", "95", Kind.integer(1, 100),
            "doctor sequence-exhaustion: P1 when it has used this percentage"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_DEAD_TUPLES_PERCENT}, default {@code 25}: doctor dead-tuples: P3 when at least this
     * percentage of a table's rows are dead (and over the floor below).
     */
    DOCTOR_PG_DEAD_TUPLES_PERCENT("STATEKEEPER_DOCTOR_PG_DEAD_TUPLES_PERCENT", "25", Kind.integer(1, 100),
            "doctor dead-tuples: P3 when at least this percentage of a table's rows are dead (and over the floor below)"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_DEAD_TUPLES_MIN}, default {@code 10000}: doctor dead-tuples: dead rows below which
     * a table is never a finding.
     */
    DOCTOR_PG_DEAD_TUPLES_MIN("STATEKEEPER_DOCTOR_PG_DEAD_TUPLES_MIN", "10000", Kind.integer(0, 1_000_000_000),
            "doctor dead-tuples: dead rows below which a table is never a finding"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_VACUUM_AGE}, default {@code 86400}: doctor vacuum-age: P3 when a table with changes
     * (over the floor below) was never vacuumed or not for this many seconds.
     */
    DOCTOR_PG_VACUUM_AGE("STATEKEEPER_DOCTOR_PG_VACUUM_AGE", "86400", Kind.seconds(0, 31_536_000),
            "doctor vacuum-age: P3 when a table with changes (over the floor below) was never vacuumed or not for this many seconds"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_ANALYZE_AGE}, default {@code 172800}: doctor analyze-age: P3 when a table with
     * changes (over the floor below) was never analyzed or not for this many seconds.
     */
    DOCTOR_PG_ANALYZE_AGE("STATEKEEPER_DOCTOR_PG_ANALYZE_AGE", "172800", Kind.seconds(0, 31_536_000),
            "doctor analyze-age: P3 when a table with changes (over the floor below) was never analyzed or not for this many seconds"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_MAINTENANCE_MIN_ROWS}, default {@code 1000}: doctor vacuum-age and analyze-age:
     * rows changed since the last vacuum (analyze) below which a table needs none.
     */
    DOCTOR_PG_MAINTENANCE_MIN_ROWS("STATEKEEPER_DOCTOR_PG_MAINTENANCE_MIN_ROWS", "1000", Kind.integer(0, 1_000_000_000),
            "doctor vacuum-age and analyze-age: rows changed since the last vacuum (analyze) below which a table needs none"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_UNUSED_INDEX_WINDOW}, default {@code 604800}: doctor unused-indexes: seconds the
     * statistics must cover (since their last reset) before an index never scanned counts as unused.
     */
    DOCTOR_PG_UNUSED_INDEX_WINDOW("STATEKEEPER_DOCTOR_PG_UNUSED_INDEX_WINDOW", "604800", Kind.seconds(0, 31_536_000),
            "doctor unused-indexes: seconds the statistics must cover (since their last reset) before an index never scanned counts as unused"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_UNUSED_INDEX_MIN_MB}, default {@code 1}: doctor unused-indexes: indexes smaller
     * than this many MiB are never a finding.
     */
    DOCTOR_PG_UNUSED_INDEX_MIN_MB("STATEKEEPER_DOCTOR_PG_UNUSED_INDEX_MIN_MB", "1", Kind.integer(0, 1_048_576),
            "doctor unused-indexes: indexes smaller than this many MiB are never a finding"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_HIT_RATIO_PERCENT}, default {@code 95}: doctor cache-hit-ratio and index-hit-ratio:
     * P2 when fewer than this percentage of the blocks read in the window were found in shared buffers.
     */
    DOCTOR_PG_HIT_RATIO_PERCENT("STATEKEEPER_DOCTOR_PG_HIT_RATIO_PERCENT", "95", Kind.integer(1, 100),
            "doctor cache-hit-ratio and index-hit-ratio: P2 when fewer than this percentage of the blocks read in the window were found in shared buffers"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_HIT_RATIO_MIN_BLOCKS}, default {@code 1000}: doctor cache-hit-ratio and index-hit-
     * ratio: blocks read in the window below which there is not enough data (skipped).
     */
    DOCTOR_PG_HIT_RATIO_MIN_BLOCKS("STATEKEEPER_DOCTOR_PG_HIT_RATIO_MIN_BLOCKS", "1000", Kind.integer(1, 1_000_000_000),
            "doctor cache-hit-ratio and index-hit-ratio: blocks read in the window below which there is not enough data (skipped)"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_SAMPLE_INTERVAL}, default {@code 1.0}: doctor cache-hit-ratio and index-hit-ratio:
     * seconds at least between the two samples of the block counters (from the doctor's connect).
     */
    DOCTOR_PG_SAMPLE_INTERVAL("STATEKEEPER_DOCTOR_PG_SAMPLE_INTERVAL", "1.0", Kind.seconds(0, 60),
            "doctor cache-hit-ratio and index-hit-ratio: seconds at least between the two samples of the block counters (from the doctor's connect)"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_SLOW_QUERY_MS}, default {@code 1000}: doctor slow-queries: P2 when a statement's
     * mean execution time in pg_stat_statements is above this many milliseconds.
     */
    DOCTOR_PG_SLOW_QUERY_MS("STATEKEEPER_DOCTOR_PG_SLOW_QUERY_MS", "1000", Kind.integer(1, 3_600_000),
            "doctor slow-queries: P2 when a statement's mean execution time in pg_stat_statements is above this many milliseconds"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_BLOAT_PERCENT}, default {@code 50}: doctor table-bloat and index-bloat: P3 when at
     * least this percentage of a table's (btree index's) pages are estimated to be empty space (and over the floor
     * below).
     */
    DOCTOR_PG_BLOAT_PERCENT("STATEKEEPER_DOCTOR_PG_BLOAT_PERCENT", "50", Kind.integer(1, 100),
            "doctor table-bloat and index-bloat: P3 when at least this percentage of a table's (btree index's) pages are estimated to be empty space (and over the floor below)"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_BLOAT_MIN_MB}, default {@code 100}: doctor table-bloat and index-bloat: estimated
     * empty space below this many MiB is never a finding.
     */
    DOCTOR_PG_BLOAT_MIN_MB("STATEKEEPER_DOCTOR_PG_BLOAT_MIN_MB", "100", Kind.integer(0, 1_048_576),
            "doctor table-bloat and index-bloat: estimated empty space below this many MiB is never a finding"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_REPLICATION_LAG}, default {@code 60}: doctor replication: P2 when a standby's
     * replay lags more than this many seconds behind.
     */
    DOCTOR_PG_REPLICATION_LAG("STATEKEEPER_DOCTOR_PG_REPLICATION_LAG", "60", Kind.seconds(0, 86_400),
            "doctor replication: P2 when a standby's replay lags more than this many seconds behind"),
    /**
     * {@code STATEKEEPER_DOCTOR_PG_SLOT_RETAINED_MB}, default {@code 1024}: doctor replication: P2 when an inactive
     * replication slot holds back at least this many MiB of WAL.
     */
    DOCTOR_PG_SLOT_RETAINED_MB("STATEKEEPER_DOCTOR_PG_SLOT_RETAINED_MB", "1024", Kind.integer(0, 1_048_576),
            "doctor replication: P2 when an inactive replication slot holds back at least this many MiB of WAL"),
    /**
     * {@code STATEKEEPER_DOCTOR_OPLOG_MIN_COUNT}, default {@code 20}: doctor slow-operations and error-rate judge an
     * operation only when it ran at least this many times in the last hour (fewer make a noisy p95).
     */
    DOCTOR_OPLOG_MIN_COUNT("STATEKEEPER_DOCTOR_OPLOG_MIN_COUNT", "20", Kind.integer(1, 1_000_000),
            "doctor slow-operations and error-rate: operations that ran fewer times than this in the last hour are "
                    + "not judged"),
    /**
     * {@code STATEKEEPER_DOCTOR_ERROR_RATE_PERCENT}, default {@code 5}: doctor error-rate: P2 when more than this
     * percent of an operation's calls in the last hour failed on the store's side (5xx codes: busy, unavailable,
     * disk full, internal; a missing loop or a stale version is the caller's and does not count).
     */
    DOCTOR_ERROR_RATE_PERCENT("STATEKEEPER_DOCTOR_ERROR_RATE_PERCENT", "5", Kind.integer(0, 100),
            "doctor error-rate: P2 when more than this percent of an operation's calls in the last hour failed on "
                    + "the store's side"),
    /**
     * {@code STATEKEEPER_DOCTOR_ERROR_RATE_CRITICAL_PERCENT}, default {@code 25}: doctor error-rate: P1 from this
     * percent.
     */
    DOCTOR_ERROR_RATE_CRITICAL_PERCENT("STATEKEEPER_DOCTOR_ERROR_RATE_CRITICAL_PERCENT", "25", Kind.integer(0, 100),
            "doctor error-rate: P1 when more than this percent failed on the store's side"),
    /**
     * {@code STATEKEEPER_DOCTOR_INTERVAL}, default {@code 60}: seconds between the cheap doctor checks 'statekeeper
     * serve' runs for /metrics (statekeeper_doctor_findings); 0 turns them off.
     */
    DOCTOR_INTERVAL("STATEKEEPER_DOCTOR_INTERVAL", "60", Kind.seconds(0, 86_400),
            "seconds between the cheap doctor checks 'statekeeper serve' runs for /metrics "
                    + "(statekeeper_doctor_findings); 0 = off"),
    /**
     * {@code STATEKEEPER_DOCTOR_MAINTENANCE_AGE}, default {@code 604800}: doctor maintenance-age: P3 when a store
     * with writes has had no 'statekeeper db maintain' for longer than this many seconds.
     */
    DOCTOR_MAINTENANCE_AGE("STATEKEEPER_DOCTOR_MAINTENANCE_AGE", "604800", Kind.seconds(3600, 31_536_000),
            "doctor maintenance-age: P3 when a store with writes has had no 'statekeeper db maintain' for longer "
                    + "than this many seconds");

    private final String variable;
    private final String defaultValue;
    private final Kind<?> kind;
    private final String description;

    Setting(String variable, String defaultValue, Kind<?> kind, String description) {
        this.variable = variable;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.description = description;
    }

    /**
     * The name in the environment, the config file and {@code statekeeper config}.
     *
     * @return the variable: {@code DATABASE_POOL_MAX_SIZE}
     */
    public String variable() {
        return variable;
    }

    /**
     * The value when none is given, as text.
     *
     * @return the default, or null for none (the data directory's is computed: {@link Settings#dataDir()})
     */
    public String defaultValue() {
        return defaultValue;
    }

    /**
     * What the setting does, as the README's table and {@code --help} say it.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The allowed values or range, as the README and error messages show it.
     *
     * @return {@code 1-100}, {@code 1-120 s}, {@code memory, json, sqlite, postgres}...
     */
    public String range() {
        return kind.describe();
    }

    /**
     * Whether the value is never shown whole (a token, a URL with a password), and a config file holding it is
     * written owner-only.
     *
     * @return true for a secret
     */
    public boolean secret() {
        return kind.secret();
    }

    /**
     * The value as it may be shown: passwords in URLs and whole secrets (tokens) replaced by {@code ****}.
     *
     * @param value the value, or null
     * @return the value to show, or null
     */
    public String display(String value) {
        return value == null ? null : kind.display(value);
    }

    /**
     * The kind of value it takes: its range, its check and the type {@link Settings} reads it as.
     *
     * @return the kind
     */
    public Kind<?> kind() {
        return kind;
    }

    /** The broken rule of a value, or null when it is in range; {@code origin} ends the rule: "(from the environment)". */
    Violation check(String value, String origin) {
        String problem = kind.check(value);
        return problem == null ? null : new Violation(variable, display(value), problem + " (" + origin + ")");
    }

    /**
     * The kinds of value a setting takes. Each says its range as the README shows it ({@link #describe()}), checks a
     * value as the environment, the config file or a flag gives it ({@link #check}: null when it is fine, else the
     * rule broken, which error messages quote) and reads a value that passed the check into its typed form
     * ({@link #parse}), once, when {@link Settings} are built.
     *
     * @param <T> the typed form: {@link Integer}, {@link Duration}, {@link Boolean}, {@link Path} or {@link String}
     */
    public sealed interface Kind<T> permits Kind.IntRange, Kind.Seconds, Kind.Bool, Kind.Choice, Kind.BackendName,
            Kind.Directory, Kind.DatabaseUrl, Kind.Text, Kind.Secret {
        /** The name of an installed backend ({@link Backends}). */
        Kind<String> BACKEND = new BackendName();
        /** true or false, in any case. */
        Kind<Boolean> BOOLEAN = new Bool();
        /** A directory. */
        Kind<Path> PATH = new Directory();
        /** A DATABASE_URL: postgresql://, postgres:// or sqlite:PATH; its password is masked when shown. */
        Kind<String> SECRET_URL = new DatabaseUrl();
        /** Any text but blank. */
        Kind<String> TEXT = new Text();
        /** Text that is never shown (a token): {@code ****}. */
        Kind<String> SECRET = new Secret();

        /**
         * One of the names, in any case; read in lower case.
         *
         * @param values the allowed names, in lower case
         * @return the kind
         */
        static Choice choice(String... values) {
            return new Choice(List.of(values));
        }

        /**
         * A whole number from {@code min} to {@code max}.
         *
         * @param min the least allowed
         * @param max the most allowed
         * @return the kind
         */
        static IntRange integer(int min, int max) {
            return new IntRange(min, max);
        }

        /**
         * A number of seconds (decimals allowed) from {@code min} to {@code max}, read as a {@link Duration}.
         *
         * @param min the fewest seconds allowed
         * @param max the most seconds allowed
         * @return the kind
         */
        static Seconds seconds(double min, double max) {
            return new Seconds(min, max);
        }

        /**
         * The allowed values or range.
         *
         * @return "1-100", "1-120 s", "memory, json", "a directory"
         */
        String describe();

        /**
         * Checks a value as the environment, the config file or a flag gives it.
         *
         * @param value the value, not null
         * @return the rule it breaks ("must be between 1 and 100"), or null when it is fine
         */
        String check(String value);

        /**
         * Reads a value into its typed form.
         *
         * @param value a value that passed {@link #check}
         * @return the typed value
         */
        T parse(String value);

        /**
         * The class of the typed form.
         *
         * @return {@code Integer.class}, {@code Duration.class}...
         */
        Class<T> type();

        /**
         * Whether values of this kind are secret (never shown whole).
         *
         * @return false unless overridden
         */
        default boolean secret() {
            return false;
        }

        /**
         * The value as it may be shown.
         *
         * @param value the value
         * @return it, unless overridden to mask it
         */
        default String display(String value) {
            return value;
        }

        /**
         * A whole number in a range.
         *
         * @param min the least allowed
         * @param max the most allowed
         */
        record IntRange(int min, int max) implements Kind<Integer> {
            private static final Pattern NUMBER = Pattern.compile("-?\\d{1,9}");

            @Override
            public String describe() {
                return min + "-" + max;
            }

            @Override
            public String check(String value) {
                if (!NUMBER.matcher(value.trim()).matches()) {
                    return "must be a whole number between " + min + " and " + max;
                }
                long v = Long.parseLong(value.trim());
                return v < min || v > max ? "must be between " + min + " and " + max : null;
            }

            @Override
            public Integer parse(String value) {
                return Integer.valueOf(value.trim());
            }

            @Override
            public Class<Integer> type() {
                return Integer.class;
            }
        }

        /**
         * A number of seconds in a range, with decimals; read as a {@link Duration} rounded to the millisecond.
         *
         * @param min the fewest seconds allowed
         * @param max the most seconds allowed
         */
        record Seconds(double min, double max) implements Kind<Duration> {
            private static final Pattern NUMBER = Pattern.compile("-?\\d{1,9}(\\.\\d+)?");

            @Override
            public String describe() {
                return fmt(min) + "-" + fmt(max) + " s";
            }

            @Override
            public String check(String value) {
                if (!NUMBER.matcher(value.trim()).matches()) {
                    return "must be a number of seconds between " + fmt(min) + " and " + fmt(max);
                }
                double v = Double.parseDouble(value.trim());
                return !(v >= min && v <= max) ? "must be between " + fmt(min) + " and " + fmt(max) + " seconds" : null;
            }

            @Override
            public Duration parse(String value) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.trim()) * 1000));
            }

            @Override
            public Class<Duration> type() {
                return Duration.class;
            }

            private static String fmt(double d) {
                return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
            }
        }

        /** true or false. */
        record Bool() implements Kind<Boolean> {
            private static final Choice VALUES = new Choice(List.of("true", "false"));

            @Override
            public String describe() {
                return VALUES.describe();
            }

            @Override
            public String check(String value) {
                return VALUES.check(value);
            }

            @Override
            public Boolean parse(String value) {
                return Boolean.parseBoolean(value.trim());
            }

            @Override
            public Class<Boolean> type() {
                return Boolean.class;
            }
        }

        /**
         * One of a few names, in any case; read in lower case.
         *
         * @param values the allowed names, in lower case
         */
        record Choice(List<String> values) implements Kind<String> {
            /** Copies the names; the record's list is unmodifiable. */
            public Choice {
                values = List.copyOf(values);
            }

            @Override
            public String describe() {
                return String.join(", ", values);
            }

            @Override
            public String check(String value) {
                return values.contains(parse(value)) ? null : "must be one of " + describe();
            }

            @Override
            public String parse(String value) {
                return value.trim().toLowerCase(Locale.ROOT);
            }

            @Override
            public Class<String> type() {
                return String.class;
            }
        }

        /** A directory, as given. */
        record Directory() implements Kind<Path> {
            @Override
            public String describe() {
                return "a directory";
            }

            @Override
            public String check(String value) {
                if (value.isBlank()) {
                    return "must not be empty";
                }
                try {
                    Path.of(value);
                    return null;
                } catch (InvalidPathException e) {
                    return "is not a valid path (" + e.getReason() + ")";
                }
            }

            @Override
            public Path parse(String value) {
                return Path.of(value);
            }

            @Override
            public Class<Path> type() {
                return Path.class;
            }
        }

        /**
         * The name of an installed backend: a {@link Choice} of the names the providers on the class path claim, in
         * their order, asked each time (a provider may be added to the class path after this class loads).
         */
        record BackendName() implements Kind<String> {
            private static Choice installed() {
                return new Choice(Backends.names());
            }

            @Override
            public String describe() {
                return installed().describe();
            }

            @Override
            public String check(String value) {
                return installed().check(value);
            }

            @Override
            public String parse(String value) {
                return installed().parse(value);
            }

            @Override
            public Class<String> type() {
                return String.class;
            }
        }

        /** Where a database is: postgresql://... (or postgres://...) or sqlite:PATH, its password masked when shown. */
        record DatabaseUrl() implements Kind<String> {
            @Override
            public String describe() {
                return "postgresql://... or sqlite:/path";
            }

            @Override
            public String check(String value) {
                return databaseUrlProblem(value.trim());
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


            @Override
            public String parse(String value) {
                return value;
            }

            @Override
            public Class<String> type() {
                return String.class;
            }

            @Override
            public boolean secret() {
                return true;
            }

            @Override
            public String display(String value) {
                return Secrets.maskUrl(value);
            }
        }

        /** Text, not blank. */
        record Text() implements Kind<String> {
            @Override
            public String describe() {
                return "text";
            }

            @Override
            public String check(String value) {
                return value.isBlank() ? "must not be empty" : null;
            }

            @Override
            public String parse(String value) {
                return value;
            }

            @Override
            public Class<String> type() {
                return String.class;
            }
        }

        /** Text that is never shown: {@code ****}. */
        record Secret() implements Kind<String> {
            @Override
            public String describe() {
                return "text (secret, shown as ****)";
            }

            @Override
            public String check(String value) {
                return value.isBlank() ? "must not be empty" : null;
            }

            @Override
            public String parse(String value) {
                return value;
            }

            @Override
            public Class<String> type() {
                return String.class;
            }

            @Override
            public boolean secret() {
                return true;
            }

            @Override
            public String display(String value) {
                return "****";
            }
        }
    }
}
