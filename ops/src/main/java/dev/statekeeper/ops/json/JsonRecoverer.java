package dev.statekeeper.ops.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.io.IoErrors.Access;
import dev.statekeeper.core.internal.io.OwnerOnly;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.json.JsonStateStore;
import dev.statekeeper.json.JsonStoreProvider;
import dev.statekeeper.ops.OpsFiles;
import dev.statekeeper.ops.RecoverReport;
import dev.statekeeper.ops.TableRecovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code db recover} of a json store: every complete record of the damaged file ({@link JsonSalvage}), made
 * consistent ({@link JsonRepairs}) and proven readable by the json backend itself in a staging directory; when
 * that fails, the newest backup ({@code state.json.N}) the backend can read instead. The damaged file is moved to
 * {@code state.json.damaged-<time>}, never deleted, and the recovered one takes its place.
 */
public final class JsonRecoverer {
    private JsonRecoverer() {
    }

    public static RecoverReport recover(Settings settings, Clock clock, String stamp, boolean backupFirst) {
        Path file = JsonFiles.file(settings);
        byte[] bytes = read(file);
        Path backup = null;
        if (backupFirst) {
            backup = OpsFiles.backupDirectory(settings.dataDir(), "pre-recover", stamp);
            OpsFiles.copy(file, backup.resolve(file.getFileName()));
        }
        JsonSalvage.Result salvage = JsonSalvage.read(bytes);
        ObjectNode document = salvage.document();
        List<String> notes = new ArrayList<>(JsonRepairs.apply(document, settings.loopHistorySize()));
        Path staging = file.resolveSibling(".recover-" + stamp);
        List<TableRecovery> tables;
        try {
            String problem = salvage.records() == 0 ? "no complete record could be read from it ("
                    + salvage.stoppedAt() + ")" : validate(staging, document, settings, clock);
            if (problem == null) {
                tables = tables(salvage, document);
                if (tables.stream().anyMatch(t -> t.lost() == null)) {
                    notes.addAll(newestBackup(file));
                }
            } else {
                notes.add("the records read from the damaged file do not make a readable store: " + problem);
                Path readable = JsonFiles.backups(file).stream()
                        .filter(b -> validate(staging, parse(b), settings, clock) == null).findFirst()
                        .orElseThrow(() -> new StatekeeperException(ErrorCode.CORRUPT, "json store '" + file
                                + "' cannot be recovered: its readable records do not make a valid store and no backup "
                                + "is readable; the file is left as it is"));
                document = parse(readable);
                notes.add("recovered the backup '" + readable.getFileName() + "' (generation "
                        + document.path("generation") + ") instead: what was written after it is lost");
                tables = Doc.LISTS.stream().map(l -> new TableRecovery(l, Doc.elements(parse(readable), l).size(), null,
                        "from the backup '" + readable.getFileName() + "'")).toList();
            }
            Path damaged = JsonFiles.sibling(file, ".damaged-" + stamp);
            keepMode(file, staging.resolve(file.getFileName()));
            OpsFiles.move(file, damaged);
            OpsFiles.move(staging.resolve(file.getFileName()), file);
            return new RecoverReport(JsonStoreProvider.NAME, file, damaged, backup, tables, notes,
                    JsonVerifier.verify(settings, clock));
        } finally {
            OpsFiles.deleteQuietly(staging.resolve(file.getFileName()));
            OpsFiles.deleteQuietly(staging);
        }
    }

    private static void keepMode(Path from, Path to) {
        try {
            OpsFiles.copyPermissions(from, to);
        } catch (IOException e) {
            throw IoErrors.failed(Access.WRITE, "give '" + to + "' the mode of '" + from + "'", e,
                    ErrorCode.CANNOT_OPEN);
        }
    }

    /** What the newest readable backup holds, for an operator to weigh against a cut-off recovery. */
    private static List<String> newestBackup(Path file) {
        for (Path backup : JsonFiles.backups(file)) {
            ObjectNode document = parse(backup);
            if (document.path("loops").isArray()) {
                String counts = Doc.LISTS.stream().map(l -> Doc.elements(document, l).size() + " " + l)
                        .collect(Collectors.joining(", "));
                return List.of("the newest readable backup '" + backup.getFileName() + "' (generation "
                        + document.path("generation") + ") holds " + counts + "; if it has more of what you need, "
                        + "restore it instead: cp '" + backup + "' '" + file + "'");
            }
        }
        return List.of();
    }

    private static byte[] read(Path file) {
        if (!Files.exists(file)) {
            Path newest = JsonFiles.newestBackup(file);
            throw new StatekeeperException(ErrorCode.CANNOT_OPEN, "nothing to recover: json store '" + file
                    + "' does not exist" + (newest == null ? "" : "; its newest backup is '" + newest + "': cp '"
                    + newest + "' '" + file + "'"));
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw IoErrors.cannotRead("json store '" + file + "'", e);
        }
    }

    /** A backup's document, or an empty object when it does not parse (the backend then refuses it). */
    private static ObjectNode parse(Path file) {
        try {
            JsonNode tree = Json.mapper().readTree(Files.readAllBytes(file));
            return tree instanceof ObjectNode object ? object : Json.mapper().createObjectNode();
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }

    /** Null when the json backend reads the document, else why not; the document stays in {@code staging}. */
    private static String validate(Path staging, ObjectNode document, Settings settings, Clock clock) {
        Path file = staging.resolve("state.json");
        try {
            OwnerOnly.createDirectories(staging);
            JsonFiles.replace(file, staging.resolve("state.json.tmp"), document);
            Settings staged = settings.toBuilder().set(Setting.DATA_DIR, staging.toString())
                    .set(Setting.BACKEND, JsonStoreProvider.NAME)
                    .set(Setting.JSON_BACKUPS, "0").build();
            JsonStateStore.open(staged, clock).close();
            return null;
        } catch (IOException e) {
            throw IoErrors.failed(Access.WRITE, "create '" + staging + "'", e, ErrorCode.CANNOT_OPEN);
        } catch (StatekeeperException e) {
            if (e.code() != ErrorCode.CORRUPT && e.code() != ErrorCode.MIGRATION_DRIFT) {
                throw e;
            }
            return e.getMessage();
        }
    }

    private static List<TableRecovery> tables(JsonSalvage.Result salvage, ObjectNode document) {
        List<TableRecovery> tables = new ArrayList<>();
        for (Map.Entry<String, JsonSalvage.Section> e : salvage.sections().entrySet()) {
            JsonSalvage.Section section = e.getValue();
            int kept = Doc.elements(document, e.getKey()).size();
            int dropped = section.records().size() - kept;
            if (section.complete()) {
                tables.add(new TableRecovery(e.getKey(), kept, (long) dropped,
                        dropped == 0 ? "" : dropped + " dropped to keep the store consistent (see the notes)"));
            } else {
                tables.add(new TableRecovery(e.getKey(), kept, null, section.reached()
                        ? "cut off after " + section.records().size() + " complete records (" + salvage.stoppedAt() + ")"
                        : "not reached: the file breaks before it (" + salvage.stoppedAt() + ")"));
            }
        }
        return tables;
    }
}
