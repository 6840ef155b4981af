package dev.statekeeper.core.error;

/**
 * Every failure Statekeeper reports. Each code carries the CLI exit code, the HTTP status, a one-line
 * cause and a one-line fix, so the CLI, the server and the docs all say the same thing. The exit codes and
 * what each means are the {@link ExitStatus}es: {@code statekeeper --help} lists them with the codes of each.
 */
public enum ErrorCode {
    /** A bug in Statekeeper, or a driver error no other code describes. */
    INTERNAL(1, 500, "an unexpected internal error (a bug in Statekeeper)",
            "report it with the command you ran and the output of 'statekeeper db status'"),
    /** The command line is not valid (the CLI's own checks). */
    USAGE(2, 400, "the command line is not valid", "see 'statekeeper help' or add --help to the command"),
    /** A file given as a command's input cannot be read. */
    INPUT_UNREADABLE(2, 400, "a file named as the command's input cannot be read",
            "check the path and that the file is readable; '-' reads stdin where the command takes it"),
    /** A setting is out of its range, the config file cannot be used, or no installed backend has the name given. */
    CONFIG_INVALID(2, 500, "a setting has a value outside its allowed range",
            "fix the value where the message says it came from (flag, environment variable or config file); "
                    + "'statekeeper config list' shows each setting and its source"),

    /** No loop has the id: {@code getLoop} and every operation on a loop. */
    LOOP_NOT_FOUND(3, 404, "no loop has that id", "list loops with 'statekeeper loop list'"),
    /**
     * The project has no spec of the name, or none matches a partial name: {@code getSpec}, {@code resolveSpec},
     * {@code linkLoop}...
     */
    SPEC_NOT_FOUND(3, 404, "no spec has that project and name", "list specs with 'statekeeper spec list --project P'"),
    /** The project has no roadmap: {@code getRoadmap}. */
    ROADMAP_NOT_FOUND(3, 404, "the project has no roadmap", "store one with 'statekeeper roadmap put'"),
    /** The project has no plan: {@code getPlan}, {@code deletePlan}. */
    PLAN_NOT_FOUND(3, 404, "the project has no plan", "store one with 'statekeeper plan put'"),
    /** No session has the name: {@code getSession}, {@code endSession}. */
    SESSION_NOT_FOUND(3, 404, "no session has that name", "list sessions with 'statekeeper session list'"),
    /** The loop exists but has no objective feedback: {@code getObjectiveFeedback}. */
    OBJECTIVE_FEEDBACK_NOT_FOUND(3, 404, "no objective feedback was stored for the loop",
            "store it with 'statekeeper loop objective ID --set TEXT'"),
    /** The loop exists but is linked to no spec: {@code specForLoop}. */
    LINK_NOT_FOUND(3, 404, "the loop is not linked to a spec", "link it with 'statekeeper spec link'"),
    /** No backup of the name is in the backup directory ({@code db restore}). */
    BACKUP_NOT_FOUND(3, 404, "no backup has that name in the backup directory",
            "list the backups with 'statekeeper db backups' (or pass --dir, or the backup's path)"),

    /** The input breaks a rule of the domain; {@link StatekeeperException#violations()} names each broken field. */
    VALIDATION_FAILED(4, 400, "the input breaks a rule of the domain", "correct the named fields and retry"),
    /** An update would change a spec's frozen field (objectives, scope, dependencies, deliverables). */
    FROZEN_FIELD(4, 409, "frozen spec fields cannot change after the first version",
            "omit the frozen fields (objectives, scope, dependencies, deliverables) or store a new spec"),
    /**
     * A record with that key exists, such as a loop id of the caller's ({@code createLoop}) or a session name
     * ({@code startSession}).
     */
    DUPLICATE(4, 409, "a record with that key already exists", "use another id or name, or update the existing one"),
    /**
     * A write carried an Idempotency-Key that another write already used (or is committing at the same moment):
     * the second one changes nothing.
     */
    REQUEST_KEY_IN_USE(4, 409, "a write with that Idempotency-Key was already applied, or is being applied",
            "send the retry again once the first has finished: it is answered with the first write's response; "
                    + "use a new key for a new request"),
    /** The record is not at the version the write expected; nothing was written. */
    STALE_VERSION(4, 409, "the record changed since it was read (optimistic concurrency)",
            "read it again and retry the change against the current version"),
    /** A partial spec name matches several specs alike: {@code resolveSpec}. */
    AMBIGUOUS_NAME(4, 409, "the partial name matches several specs", "use a longer part of the name"),
    /** The loop is completed and takes no more feedback or decisions: {@code addFeedback}, {@code decide}. */
    LOOP_COMPLETED(4, 409, "the loop is completed: its score reached the threshold, and a completed loop takes no "
            + "more feedback or decisions",
            "start a new loop for the next round ('statekeeper loop create', initialize_refinement_loop); "
                    + "'statekeeper loop get ID' shows the completed one"),
    /** The loop has no critic feedback to decide on: {@code decide}. */
    NO_FEEDBACK(4, 409, "the loop has no critic feedback yet", "add feedback with 'statekeeper loop feedback' first"),

    /** The store was used after {@code close()}. */
    STORE_CLOSED(5, 503, "the store is not open (not initialized yet, or already closed)",
            "open the store before use and do not use it after close()"),
    /**
     * The database server cannot be reached, refuses the user or the work, or gave no connection in time
     * (PostgreSQL).
     */
    BACKEND_UNAVAILABLE(5, 503, "the storage backend cannot be reached", "check that it runs and that the settings point at it"),
    /** Another writer held the lock past the busy timeout (SQLite's file, the json store's lock file). */
    DATABASE_BUSY(5, 503, "the database is locked by another writer for longer than the busy timeout",
            "retry; if it persists, find the process holding the lock (lsof FILE); never delete a -wal or .lock file by hand"),
    /** The database, its file or directory accepts no writes (a read-only file system, a PostgreSQL standby). */
    READ_ONLY(5, 503, "the database or its directory is read-only",
            "make the file and its directory writable (chmod u+w), or point STATEKEEPER_DATA_DIR at a writable place"),
    /** The store's file or directory cannot be opened or created. */
    CANNOT_OPEN(5, 503, "the database file cannot be opened or created",
            "check that the directory exists and is writable, or set STATEKEEPER_DATA_DIR"),
    /** The connection was lost while committing a write that cannot be checked: it may or may not have been applied. */
    WRITE_OUTCOME_UNKNOWN(5, 503, "the connection was lost while the write was being committed: it may or may not "
            + "have been applied", "read the record to see whether the change is there before you repeat it"),
    /** The disk holding the store is full. */
    DISK_FULL(5, 507, "the disk holding the database is full", "free space or move the data directory to a larger disk"),
    /** A command's output could not be written whole. */
    OUTPUT_FAILED(5, 500, "the command's output could not be written whole (a full disk, a file size limit, a closed "
            + "pipe)", "make room where the output goes (free space, raise 'ulimit -f') and run the command again"),

    /** The stored data is damaged or cannot be read back. */
    CORRUPT(6, 500, "the stored data is damaged", "run 'statekeeper db verify'; restore a backup if it cannot be repaired"),
    /** The schema or file format does not match this build: behind without auto-migrate, changed by hand, or newer. */
    MIGRATION_DRIFT(6, 500, "the database schema does not match Statekeeper's migrations",
            "'statekeeper db migrate status' shows each migration: applied, pending or drifted (failed, changed, "
                    + "unknown to this build); 'statekeeper db migrate' applies the pending ones"),
    /** A verification ({@code db verify}, a copy's check) found problems. */
    VERIFY_FAILED(6, 500, "a verification found problems: records that break the rules, differ or are missing",
            "each finding says what to do: 'statekeeper db verify --repair' fixes what is safe, a copy can be run "
                    + "again with --mode replace, 'statekeeper db restore' puts a backup back"),
    /** The doctor found a problem at or above {@code --fail-on} ({@code statekeeper doctor}, {@code healthcheck}). */
    DOCTOR_FINDINGS(6, 503, "the doctor found a problem at or above the severity it was asked to fail on (--fail-on, "
            + "default P1)", "each finding has its evidence, runbook and fix; 'statekeeper doctor --fix' applies the "
                    + "safe fixes, the others are yours to apply"),

    /** A wait ended before the record got where it was waited for: {@code statekeeper loop wait}. */
    WAIT_TIMED_OUT(7, 504, "the wait ended before the loop got where it was waited for",
            "wait again (the loop is shown as it stands), or give a longer --timeout");

    private final ExitStatus exitStatus;
    private final int httpStatus;
    private final String cause;
    private final String fix;

    ErrorCode(int exitCode, int httpStatus, String cause, String fix) {
        this.exitStatus = ExitStatus.of(exitCode);
        this.httpStatus = httpStatus;
        this.cause = cause;
        this.fix = fix;
    }

    /**
     * The number the CLI exits with.
     *
     * @return {@link #exitStatus()}'s code
     */
    public int exitCode() {
        return exitStatus.code();
    }

    /**
     * The CLI's exit status for this failure.
     *
     * @return the status
     */
    public ExitStatus exitStatus() {
        return exitStatus;
    }

    /**
     * The HTTP status the server answers with.
     *
     * @return the status: 404 for the not-found codes, 409 for conflicts, 503 when the backend is unavailable...
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * What went wrong, in one line, for the docs and the CLI's help.
     *
     * @return the cause
     */
    public String cause() {
        return cause;
    }

    /**
     * What to do about it, in one line.
     *
     * @return the fix
     */
    public String fix() {
        return fix;
    }

    /**
     * The code as it appears on the wire (the HTTP API's and MCP's error bodies, the CLI's JSON errors).
     *
     * @return the name in lower case with dashes, e.g. {@code loop-not-found}
     */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
