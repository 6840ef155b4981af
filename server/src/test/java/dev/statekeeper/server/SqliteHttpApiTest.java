package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteHttpApiTest extends HttpApiContract {
    @TempDir
    static Path dir;

    @Override
    protected StateStore openStore() {
        return Stores.sqlite(dir);
    }
}
