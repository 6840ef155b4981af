package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.KeyValues;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.api.StoreInfo;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code init} and {@code db status} show a {@link StoreInfo}; record counts and sizes in the backend's order,
 * sizes as "1.5 MB (1,482,752 bytes)" in text and as bytes in JSON.
 */
final class InfoText {
    private InfoText() {
    }

    static Map<String, Object> json(StoreInfo info) {
        return Output.fields("backend", info.backend(), "location", info.location(),
                "schemaVersion", info.schemaVersion(), "counts", info.counts(), "sizes", info.sizes());
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
        if (!info.sizes().isEmpty()) {
            out.println();
            out.println("storage");
            KeyValues sizes = new KeyValues();
            info.sizes().forEach((what, bytes) -> sizes.add("  " + what, size(bytes)));
            if (info.sizes().size() > 1) {
                sizes.add("  total", size(info.sizes().values().stream().mapToLong(Long::longValue).sum()));
            }
            sizes.print(out);
        }
    }

    /** "812 bytes", "1.5 MB (1,482,752 bytes)". */
    static String size(long bytes) {
        return bytes < 1000 ? bytes + " bytes"
                : BackupJson.size(bytes) + " (" + String.format(Locale.ROOT, "%,d", bytes) + " bytes)";
    }
}
