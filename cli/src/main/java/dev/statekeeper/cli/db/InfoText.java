package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.KeyValues;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.api.StoreInfo;

import java.io.PrintWriter;
import java.util.Map;

/** How {@code init} and {@code db status} show a {@link StoreInfo}; record counts in the backend's order. */
final class InfoText {
    private InfoText() {
    }

    static Map<String, Object> json(StoreInfo info) {
        return Output.fields("backend", info.backend(), "location", info.location(),
                "schemaVersion", info.schemaVersion(), "counts", info.counts());
    }

    static void print(StoreInfo info, PrintWriter out) {
        new KeyValues()
                .add("backend", info.backend())
                .add("location", info.location())
                .add("schema version", info.schemaVersion() == null ? "(none)" : info.schemaVersion())
                .print(out);
        out.println();
        out.println("records");
        KeyValues counts = new KeyValues();
        info.counts().forEach((kind, n) -> counts.add("  " + kind, n));
        counts.print(out);
    }
}
