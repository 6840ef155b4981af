package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.internal.archive.Backup;

import java.util.Locale;
import java.util.Map;

/** How the backup commands show a backup. */
final class BackupJson {
    private BackupJson() {
    }

    static Map<String, Object> of(Backup b) {
        return Output.fields("name", b.name(), "path", b.directory().toString(), "createdAt", b.manifest().createdAt(),
                "backend", b.manifest().backend(), "location", b.manifest().location(), "records", b.manifest().records(),
                "bytes", b.manifest().bytes(), "sha256", b.manifest().sha256(), "counts", b.manifest().counts(),
                "statekeeperVersion", b.manifest().statekeeperVersion());
    }

    /** 812 B, 2.1 KB, 3.4 MB, 1.2 GB. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
