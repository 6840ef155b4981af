package dev.statekeeper.jdbc.migration;

import java.time.Instant;

/**
 * One versioned migration as {@code db migrate status} shows it: its version and description, the checksum the
 * database recorded (this build's for one not applied), this build's checksum (null when it does not have the
 * migration), when it was applied (null when it was not) and its state.
 */
public record Migration(String version, String description, Integer checksum, Integer buildChecksum,
                        Instant appliedAt, MigrationState state) {
    /** "V3 loop clean index". */
    public String name() {
        return "V" + version + " " + description;
    }

    /** "V1 initial schema: checksum-mismatch (database 12345, this build 67890): the applied ...". */
    public String problem() {
        String checksums = state == MigrationState.CHECKSUM_MISMATCH
                ? " (database " + checksum + ", this build " + buildChecksum + ")" : "";
        return name() + ": " + state.wire() + checksums + ": " + state.advice();
    }
}
