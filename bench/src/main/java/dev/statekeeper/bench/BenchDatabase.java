package dev.statekeeper.bench;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.internal.json.Json;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One trial's database: a fresh temporary data directory, the real SQLite store opened on it (which creates
 * the schema from the migrations), and a plain-JDBC connection on the same file for the baselines.
 * Closing removes the directory.
 */
final class BenchDatabase implements BenchBackend {
    private final Path dir;
    private final StateStore store;
    private final PlainJdbc jdbc;

    private BenchDatabase(Path dir, StateStore store, PlainJdbc jdbc) {
        this.dir = dir;
        this.store = store;
        this.jdbc = jdbc;
    }

    static BenchDatabase create() throws SQLException {
        return create(true);
    }

    /** @param timed through StateStores (the operation log on), or the backend's bare store */
    static BenchDatabase create(boolean timed) throws SQLException {
        Path dir = TempDirs.create();
        StateStore store;
        try {
            store = TempDirs.openSqlite(dir, timed);
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

    @Override
    public StateStore store() {
        return store;
    }

    @Override
    public PlainJdbc jdbc() {
        return jdbc;
    }

    @Override
    public PlainJdbc connect() throws SQLException {
        return PlainJdbc.open(file());
    }

    /** JSON as TEXT. */
    @Override
    public Object json(Object value) {
        return Json.write(value);
    }

    /** INTEGER microseconds since the epoch. */
    @Override
    public Object time(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    @Override
    public Object time(ResultSet row, int column) throws SQLException {
        return row.getLong(column);
    }

    /** Through the store: createLoop and addFeedback for every loop (SQLite writes them fast enough). */
    @Override
    public List<String> prefillLoops(int loops, int feedbackPerLoop) {
        List<String> ids = new ArrayList<>(loops);
        for (int i = 0; i < loops; i++) {
            String id = store.createLoop(NewLoop.of(Samples.PROJECT + "-" + i % 20, LoopType.SPEC)).id();
            for (int f = 0; f < feedbackPerLoop; f++) {
                store.addFeedback(id, Samples.feedback(i + f));
            }
            ids.add(id);
        }
        return ids;
    }

    /** SQLite locks the whole file for a writer (BEGIN IMMEDIATE): no row locks. */
    @Override
    public String forUpdate() {
        return "";
    }

    /** SQLite's planner needs no statistics for these queries. */
    @Override
    public void settle() {
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
