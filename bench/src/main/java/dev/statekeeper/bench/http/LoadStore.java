package dev.statekeeper.bench.http;

import dev.statekeeper.bench.Samples;
import dev.statekeeper.bench.TempDirs;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.testkit.postgres.PostgresServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The store one backend's runs share, opened as an embedder opens it (every setting but the backend and where its
 * data lives at its default): SQLite in a fresh temporary data directory, or PostgreSQL in a fresh database on
 * testkit's embedded PostgreSQL 16 server (started on first use, stopped when the JVM exits). Closing closes the
 * store and deletes the directory or drops the database.
 */
final class LoadStore implements AutoCloseable {
    private final StateStore store;
    private final Runnable cleanUp;
    private final Runnable settle;

    private LoadStore(StateStore store, Runnable cleanUp, Runnable settle) {
        this.store = store;
        this.cleanUp = cleanUp;
        this.settle = settle;
    }

    static LoadStore open(String backend) {
        return backend.equals("postgres") ? postgres() : sqlite();
    }

    private static LoadStore sqlite() {
        Path dir = TempDirs.create();
        try {
            return new LoadStore(TempDirs.openSqlite(dir), () -> TempDirs.delete(dir), () -> { });
        } catch (RuntimeException e) {
            TempDirs.delete(dir);
            throw e;
        }
    }

    private static LoadStore postgres() {
        PostgresServer server = PostgresServer.shared();
        String name = server.createDatabase();
        Runnable drop = () -> server.execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        try {
            StateStore store = StateStores.open(Settings.builder()
                    .set(Setting.BACKEND, "postgres")
                    .set(Setting.DATABASE_URL, server.url(name))
                    .build());
            // the test server runs no autovacuum: statistics for the planner after the prefill
            return new LoadStore(store, drop, () -> server.execute(name, "VACUUM ANALYZE"));
        } catch (RuntimeException e) {
            drop.run();
            throw e;
        }
    }

    StateStore store() {
        return store;
    }

    /**
     * Creates {@code loops} loops (projects {@code load-0} ... {@code load-19}) through the store, each with
     * {@code feedbackPerLoop} entries of a few hundred bytes, and returns their ids.
     */
    List<String> prefill(int loops, int feedbackPerLoop) {
        List<String> ids = new ArrayList<>(loops);
        for (int i = 0; i < loops; i++) {
            String id = store.createLoop(NewLoop.of("load-" + i % 20, LoopType.SPEC)).id();
            for (int f = 0; f < feedbackPerLoop; f++) {
                store.addFeedback(id, Samples.feedback(i + f));
            }
            ids.add(id);
        }
        settle.run();
        return List.copyOf(ids);
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            cleanUp.run();
        }
    }
}
