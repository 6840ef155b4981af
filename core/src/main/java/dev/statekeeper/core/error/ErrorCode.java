package dev.statekeeper.core.error;

/**
 * Every failure Statekeeper reports. Each code carries the CLI exit code, the HTTP status, a one-line
 * cause and a one-line fix, so the CLI, the server and the docs all say the same thing. The exit codes and
 * what each means are the {@link ExitStatus}es: {@code statekeeper --help} lists them with the codes of each.
 */
public enum ErrorCode {
    INTERNAL(1, 500, "an unexpected internal error (a bug in Statekeeper)",
            "report it with the command you ran and the output of 'statekeeper db status'"),
    USAGE(2, 400, "the command line is not valid", "see 'statekeeper help' or add --help to the command"),
    INPUT_UNREADABLE(2, 400, "a file named as the command's input cannot be read",
            "check the path and that the file is readable; '-' reads stdin where the command takes it"),
    CONFIG_INVALID(2, 500, "a setting has a value outside its allowed range",
            "fix the value where the message says it came from (flag, environment variable or config file); "
                    + "'statekeeper config list' shows each setting and its source"),

    LOOP_NOT_FOUND(3, 404, "no loop has that id", "list loops with 'statekeeper loop list'"),
    SPEC_NOT_FOUND(3, 404, "no spec has that project and name", "list specs with 'statekeeper spec list --project P'"),
    ROADMAP_NOT_FOUND(3, 404, "the project has no roadmap", "store one with 'statekeeper roadmap put'"),
    PLAN_NOT_FOUND(3, 404, "the project has no plan", "store one with 'statekeeper plan put'"),
    SESSION_NOT_FOUND(3, 404, "no session has that name", "list sessions with 'statekeeper session list'"),
    OBJECTIVE_FEEDBACK_NOT_FOUND(3, 404, "no objective feedback was stored for the loop",
            "store it with 'statekeeper loop objective ID --set TEXT'"),
    LINK_NOT_FOUND(3, 404, "the loop is not linked to a spec", "link it with 'statekeeper spec link'"),
    BACKUP_NOT_FOUND(3, 404, "no backup has that name in the backup directory",
            "list the backups with 'statekeeper db backups' (or pass --dir, or the backup's path)"),

    VALIDATION_FAILED(4, 400, "the input breaks a rule of the domain", "correct the named fields and retry"),
    FROZEN_FIELD(4, 409, "frozen spec fields cannot change after the first version",
            "omit the frozen fields (objectives, scope, dependencies, deliverables) or store a new spec"),
    DUPLICATE(4, 409, "a record with that key already exists", "use another id or name, or update the existing one"),
    STALE_VERSION(4, 409, "the record changed since it was read (optimistic concurrency)",
            "read it again and retry the change against the current version"),
    AMBIGUOUS_NAME(4, 409, "the partial name matches several specs", "use a longer part of the name"),
    LOOP_COMPLETED(4, 409, "the loop is completed: its score reached the threshold, and a completed loop takes no "
            + "more feedback or decisions",
            "start a new loop for the next round ('statekeeper loop create', initialize_refinement_loop); "
                    + "'statekeeper loop get ID' shows the completed one"),
    NO_FEEDBACK(4, 409, "the loop has no critic feedback yet", "add feedback with 'statekeeper loop feedback' first"),

    STORE_CLOSED(5, 503, "the store is not open (not initialized yet, or already closed)",
            "open the store before use and do not use it after close()"),
    BACKEND_UNAVAILABLE(5, 503, "the storage backend cannot be reached", "check that it runs and that the settings point at it"),
    DATABASE_BUSY(5, 503, "the database is locked by another writer for longer than the busy timeout",
            "retry; if it persists, find the process holding the lock (lsof FILE); never delete a -wal or .lock file by hand"),
    READ_ONLY(5, 503, "the database or its directory is read-only",
            "make the file and its directory writable (chmod u+w), or point STATEKEEPER_DATA_DIR at a writable place"),
    CANNOT_OPEN(5, 503, "the database file cannot be opened or created",
            "check that the directory exists and is writable, or set STATEKEEPER_DATA_DIR"),
    WRITE_OUTCOME_UNKNOWN(5, 503, "the connection was lost while the write was being committed: it may or may not "
            + "have been applied", "read the record to see whether the change is there before you repeat it"),
    DISK_FULL(5, 507, "the disk holding the database is full", "free space or move the data directory to a larger disk"),
    OUTPUT_FAILED(5, 500, "the command's output could not be written whole (a full disk, a file size limit, a closed "
            + "pipe)", "make room where the output goes (free space, raise 'ulimit -f') and run the command again"),

    CORRUPT(6, 500, "the stored data is damaged", "run 'statekeeper db verify'; restore a backup if it cannot be repaired"),
    MIGRATION_DRIFT(6, 500, "the database schema does not match Statekeeper's migrations",
            "'statekeeper db migrate status' shows each migration: applied, pending or drifted (failed, changed, "
                    + "unknown to this build); 'statekeeper db migrate' applies the pending ones"),
    VERIFY_FAILED(6, 500, "a verification found problems: records that break the rules, differ or are missing",
            "each finding says what to do: 'statekeeper db verify --repair' fixes what is safe, a copy can be run "
                    + "again with --mode replace, 'statekeeper db restore' puts a backup back"),
    DOCTOR_FINDINGS(6, 503, "the doctor found a problem at or above the severity it was asked to fail on (--fail-on, "
            + "default P1)", "each finding has its evidence, runbook and fix; 'statekeeper doctor --fix' applies the "
                    + "safe fixes, the others are yours to apply");

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

    /** The number the CLI exits with: {@link #exitStatus()}'s code. */
    public int exitCode() {
        return exitStatus.code();
    }

    /** The CLI's exit status for this failure. */
    public ExitStatus exitStatus() {
        return exitStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String cause() {
        return cause;
    }

    public String fix() {
        return fix;
    }

    /** The code as it appears on the wire: lower-case with dashes, e.g. {@code loop-not-found}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
