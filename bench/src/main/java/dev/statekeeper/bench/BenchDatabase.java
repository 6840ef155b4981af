package dev.statekeeper.bench;

import dev.statekeeper.core.api.StateStore;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * One trial's database: a fresh temporary data directory, the real SQLite store opened on it (which creates
 * the schema from the migrations), and a plain-JDBC connection on the same file for the baselines.
 * Closing removes the directory.
 */
final class BenchDatabase implements AutoCloseable {
    private final Path dir;
    private final StateStore store;
    private final PlainJdbc jdbc;

    private BenchDatabase(Path dir, StateStore store, PlainJdbc jdbc) {
        this.dir = dir;
        this.store = store;
        this.jdbc = jdbc;
    }

    static BenchDatabase create() throws SQLException {
        Path dir = TempDirs.create();
        StateStore store;
        try {
            store = TempDirs.openSqlite(dir);
        } catch (RuntimeException e) {
            TempDirs.delete(dir);
            throw e;
        }
        try {
            return new BenchDatabase(dir, store, PlainJdbc.open(TempDirs.databaseFile(dir)));
        } catch (SQLException | RuntimeException e) {
            store.close();
            TempDirs.delete(dir);
            throw e;
        }
    }

    Path file() {
        return TempDirs.databaseFile(dir);
    }

    StateStore store() {
        return store;
    }

    PlainJdbc jdbc() {
        return jdbc;
    }

    @Override
    public void close() throws SQLException {
        try {
            store.close();
            jdbc.close();
        } finally {
            TempDirs.delete(dir);
        }
    }
}
