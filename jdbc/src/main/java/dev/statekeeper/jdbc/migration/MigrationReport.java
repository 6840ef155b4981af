package dev.statekeeper.jdbc.migration;

import java.util.List;

/**
 * A database's migrations against this build's: every migration of this build and every one the database has,
 * in version order. {@code schemaVersion} is the newest applied one ("0" for none), {@code latest} this build's.
 */
public record MigrationReport(String backend, String location, String schemaVersion, String latest,
                              List<Migration> migrations) {
    public MigrationReport {
        migrations = List.copyOf(migrations);
    }

    public List<Migration> pending() {
        return migrations.stream().filter(m -> m.state() == MigrationState.PENDING).toList();
    }

    /** The migrations in a state of drift (failed, checksum mismatch, newer, unknown). */
    public List<Migration> drift() {
        return migrations.stream().filter(m -> m.state().drift()).toList();
    }
}
