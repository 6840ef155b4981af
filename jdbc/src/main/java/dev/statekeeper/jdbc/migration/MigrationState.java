package dev.statekeeper.jdbc.migration;

/**
 * Where one migration stands between this build and a database. Only {@link #APPLIED} and {@link #PENDING} are
 * well: the others are drift, which the store refuses to open over and {@code db migrate} refuses to apply over.
 */
public enum MigrationState {
    /** Applied, with the checksum of this build's file. */
    APPLIED("applied"),
    /** In this build, not applied yet: {@code db migrate} applies it. */
    PENDING("pending", "run 'statekeeper db migrate' to apply it"),
    /** Applied and recorded as failed: part of it may have run. */
    FAILED("failed", "it stopped part-way: check what it changed and undo that, delete its row from "
            + "flyway_schema_history, then run 'statekeeper db migrate'; or restore a backup"),
    /** Applied from a file that differs from this build's. */
    CHECKSUM_MISMATCH("checksum-mismatch", "the applied migration differs from this build's file: never edit an "
            + "applied migration; use the statekeeper that applied it, or restore the database from a backup"),
    /** Applied, above this build's newest version: a newer statekeeper wrote it. */
    NEWER("newer", "a newer statekeeper applied it and this build does not know it: use that statekeeper"),
    /** Applied, not in this build although older than its newest: another build wrote it. */
    UNKNOWN("unknown", "this build does not have it, although it is older than this build's newest: another build "
            + "applied it; use that one, or restore the database from a backup");

    private final String wire;
    private final String advice;

    MigrationState(String wire) {
        this(wire, null);
    }

    MigrationState(String wire, String advice) {
        this.wire = wire;
        this.advice = advice;
    }

    /** The state as output shows it: applied, pending, failed, checksum-mismatch, newer, unknown. */
    public String wire() {
        return wire;
    }

    /** What to do about a migration in this state, or null when nothing is to be done. */
    public String advice() {
        return advice;
    }

    /** Whether the state is drift: the database and this build disagree about an applied migration. */
    public boolean drift() {
        return this != APPLIED && this != PENDING;
    }
}
