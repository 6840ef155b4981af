package dev.statekeeper.cli;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.internal.archive.ArchiveCopy;
import dev.statekeeper.core.internal.archive.ArchiveVerify;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.internal.archive.Progress;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.Archives;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One export, every backend: SQLite's records imported into PostgreSQL, json and memory export the same bytes. */
class CrossBackendArchiveTest {
    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private final List<StateStore> opened = new ArrayList<>();

    private StateStore open(String backend, Setting where, String value) {
        Settings.Builder b = Settings.builder().set(Setting.BACKEND, backend).set(Setting.POOL_MIN_SIZE, "1");
        if (where != null) {
            b.set(where, value);
        }
        StateStore store = StateStores.open(b.build(), clock);
        opened.add(store);
        return store;
    }

    @AfterEach
    void close() {
        opened.forEach(StateStore::close);
    }

    @Test
    void anExportOfSqliteImportedIntoPostgresJsonAndMemoryExportsTheSameBytes() {
        StateStore sqlite = open("sqlite", Setting.DATABASE_URL, "sqlite:" + dir.resolve("a.db"));
        Archives.fillEveryKind(sqlite);
        byte[] export = Archives.export(sqlite);
        PostgresServer server = PostgresServer.shared();
        StateStore postgres = open("postgres", Setting.DATABASE_URL, server.url(server.createDatabase()));
        StateStore json = open("json", Setting.DATA_DIR, dir.resolve("j").toString());
        StateStore memory = open("memory", null, null);

        for (StateStore store : List.of(postgres, json, memory)) {
            Archives.load(store, export, LoadMode.REPLACE);
            assertThat(Archives.export(store)).as(store.info().backend()).isEqualTo(export);
        }
    }

    @Test
    void copiesFromEachBackendToTheNextKeepEveryRecord() {
        StateStore sqlite = open("sqlite", Setting.DATABASE_URL, "sqlite:" + dir.resolve("a.db"));
        Archives.fillEveryKind(sqlite);
        PostgresServer server = PostgresServer.shared();
        List<StateStore> chain = List.of(sqlite, open("postgres", Setting.DATABASE_URL, server.url(server.createDatabase())),
                open("json", Setting.DATA_DIR, dir.resolve("j").toString()), open("memory", null, null),
                open("sqlite", Setting.DATABASE_URL, "sqlite:" + dir.resolve("b.db")));

        for (int i = 1; i < chain.size(); i++) {
            ArchiveCopy.run(chain.get(i - 1), chain.get(i), LoadMode.REPLACE, -1, Progress.NONE);
            assertThat(ArchiveVerify.run(chain.get(i - 1), chain.get(i), false, Progress.NONE)).isEqualTo(22);
        }

        assertThat(Archives.export(chain.getLast())).isEqualTo(Archives.export(sqlite));
    }
}
