package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.KeyValues;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.api.StoreInfo;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/** How {@code init} and {@code db status} show a {@link StoreInfo}; record counts sorted by kind. */
final class InfoText {
    private InfoText() {
    }

    static Map<String, Object> json(StoreInfo info) {
        return Output.fields("backend", info.backend(), "location", info.location(),
                "schemaVersion", info.schemaVersion(), "counts", new TreeMap<>(info.counts()));
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
        new TreeMap<>(info.counts()).forEach((kind, n) -> counts.add("  " + kind, n));
        counts.print(out);
    }
}
