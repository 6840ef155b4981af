package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.KeyValues;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import picocli.CommandLine.Command;

import java.util.Locale;
import java.util.Map;

/**
 * {@code statekeeper db test-connection}: opens the store as every command does (connect, log in, check the
 * schema), asks it one trivial question and says how long that took. A failure is the same translated message,
 * with its fix and exit code, that any command would print.
 */
@Command(name = "test-connection", description = {
        "Open the store (connect, authenticate, check the schema), ask it one trivial query and report the time.",
        "On failure prints the cause and the fix, with the exit code of the failure (5: backend unavailable)."})
public final class DbTestConnection extends StoreCommand {
    @Override
    protected void execute(StateStore store, Output out) {
        long started = System.nanoTime();
        store.ping();
        double millis = (System.nanoTime() - started) / 1e6;
        StoreInfo info = store.info();
        Map<String, Object> json = Output.fields("ok", true, "backend", info.backend(),
                "location", info.location(), "schemaVersion", info.schemaVersion(),
                "pingMillis", Math.round(millis * 10) / 10.0);
        store.poolStats().ifPresent(pool -> json.put("pool", pool));
        out.emit(json, w -> {
            KeyValues lines = new KeyValues().add("backend", info.backend()).add("location", info.location())
                    .add("schema version", info.schemaVersion() == null ? "(none)" : info.schemaVersion())
                    .add("answered in", String.format(Locale.ROOT, "%.1f ms", millis));
            store.poolStats().ifPresent(pool -> lines.add("pool", describe(pool)));
            w.println("connection ok");
            lines.print(w);
        });
    }

    private static String describe(PoolStats pool) {
        return pool.active() + " active, " + pool.idle() + " idle, " + pool.waiting() + " waiting, max " + pool.max();
    }
}
