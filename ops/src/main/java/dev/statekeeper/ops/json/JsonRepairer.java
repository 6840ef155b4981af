package dev.statekeeper.ops.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;
import dev.statekeeper.ops.OpsFiles;
import dev.statekeeper.ops.RepairReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code db verify --repair} of a json store: verify; if anything is safe to fix, copy the file into
 * {@code <data dir>/backups/pre-repair-<time>/}, then under the store's lock read it again (another process may
 * have written meanwhile), apply {@link JsonRepairs}, write it as the next generation, atomically; verify again.
 * A file that does not parse is left alone: that is {@code db recover}'s work.
 */
public final class JsonRepairer {
    private static final Set<Check> FIXABLE = EnumSet.of(Check.ORPHANS, Check.HISTORY);

    private JsonRepairer() {
    }

    public static RepairReport repair(Settings settings, Clock clock, String stamp) {
        JsonVerifier.Inspection before = JsonVerifier.inspect(settings, clock);
        Path file = before.file();
        if (before.document() == null) {
            return RepairReport.unchanged(before.report(), List.of(Files.exists(file)
                    ? "nothing was changed: the file cannot be read as a JSON document; run 'statekeeper db recover' "
                            + "(it keeps the damaged file)"
                    : "nothing to repair: the file does not exist"));
        }
        if (before.report().findings().stream().map(Finding::check).noneMatch(FIXABLE::contains)) {
            return RepairReport.unchanged(before.report(), List.of("nothing to repair"
                    + (before.report().clean() ? "" : ": the remaining findings need a decision, see their fixes")));
        }
        Path backup = OpsFiles.backupDirectory(settings.dataDir(), "pre-repair", stamp);
        OpsFiles.copy(file, backup.resolve(file.getFileName()));
        List<String> changes = JsonFiles.locked(file, settings.seconds(Setting.JSON_LOCK_TIMEOUT), () -> {
            JsonNode tree = Json.mapper().readTree(Files.readAllBytes(file));
            if (!(tree instanceof ObjectNode document)) {
                throw new StatekeeperException(ErrorCode.CORRUPT, "json store '" + file + "' changed while it was "
                        + "being repaired and is no longer a JSON document; nothing was changed");
            }
            List<String> made = JsonRepairs.apply(document, settings.loopHistorySize());
            if (!made.isEmpty()) {
                document.put("generation", document.path("generation").asLong() + 1);
                JsonFiles.replace(file, document);
            }
            return made;
        });
        return new RepairReport(before.report(), backup, changes, List.of(), JsonVerifier.verify(settings, clock));
    }
}
