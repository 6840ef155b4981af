package dev.statekeeper.ops.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.json.JsonStateStore;
import dev.statekeeper.json.internal.JsonStoreFormat;
import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;
import dev.statekeeper.ops.VerifyReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code db verify} of a json store: the file is there and readable, it parses (else where it breaks), its
 * format and version, its lists, the model's rules ({@link JsonModelChecks}), the change history against itself and
 * the records ({@link JsonEventChecks}); and when all of that holds, the json backend's own strict read, which also
 * refuses unknown and missing fields and wrong types. Verify never writes.
 */
public final class JsonVerifier {
    /** The report and the parsed document (null when the file cannot be read or parsed as an object). */
    record Inspection(VerifyReport report, Path file, ObjectNode document) {
    }

    private JsonVerifier() {
    }

    public static VerifyReport verify(Settings settings, Clock clock) {
        return inspect(settings, clock).report();
    }

    static Inspection inspect(Settings settings, Clock clock) {
        Path file = JsonFiles.file(settings);
        String name = file.getFileName().toString();
        List<Finding> findings = new ArrayList<>();
        ObjectNode document = read(file, findings);
        if (document != null) {
            findings.addAll(header(document, name));
            for (String list : Doc.LISTS) {
                if (Doc.list(document, list) == null) {
                    findings.add(Finding.error(Check.JSON_FORMAT, name + " " + list,
                            "\"" + list + "\" is missing or not a list",
                            "'statekeeper db recover' rebuilds the document from the records it can read"));
                }
            }
            findings.addAll(JsonModelChecks.find(document, name, settings.loopHistorySize()));
            findings.addAll(JsonEventChecks.find(document, name));
            if (findings.stream().noneMatch(Finding::isError)) {
                try {
                    JsonStateStore.open(settings, clock).close();
                } catch (StatekeeperException e) {
                    findings.add(Finding.error(Check.JSON_MODEL, name, e.getMessage(),
                            "correct it in the file by hand, or "
                            + "run 'statekeeper db recover'"));
                }
            }
        }
        return new Inspection(new VerifyReport("json", file.toString(), true, findings), file, document);
    }

    /** The document, or null with the finding that says why it cannot be had. */
    private static ObjectNode read(Path file, List<Finding> findings) {
        String restore = restore(file);
        String recover = restore == null ? "" : "; or " + restore;
        if (!Files.exists(file)) {
            findings.add(Finding.error(Check.FILE, file.toString(), "the json store does not exist",
                    restore == null ? "create it with 'statekeeper init'" : restore));
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                findings.add(Finding.error(Check.JSON_SYNTAX, file.toString(), "the file is empty (0 bytes)",
                        "'statekeeper db recover' falls back to the newest readable backup" + recover));
                return null;
            }
            JsonNode tree = Json.mapper().readTree(bytes);
            if (tree instanceof ObjectNode object) {
                return object;
            }
            findings.add(Finding.error(Check.JSON_FORMAT, file.toString(), "the document is not a JSON object",
                    "'statekeeper db recover' falls back to the newest readable backup" + recover));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
            findings.add(Finding.error(Check.JSON_SYNTAX, file + where, "not valid JSON: " + e.getOriginalMessage(),
                    "'statekeeper db recover' keeps every complete record (the damaged file is kept)" + recover));
        } catch (IOException e) {
            findings.add(Finding.error(Check.FILE, file.toString(), IoErrors.cannotRead("it", e).getMessage(),
                    "make it readable: chmod u+r '" + file + "'"));
        }
        return null;
    }

    private static List<Finding> header(ObjectNode document, String name) {
        List<Finding> findings = new ArrayList<>();
        String format = Doc.text(document, "format");
        if (!JsonFiles.FORMAT.equals(format)) {
            findings.add(Finding.error(Check.JSON_FORMAT, name, "it is not a statekeeper json store (" + (format == null
                    ? "it has no \"format\"" : "format '" + format + "'") + ", expected '" + JsonFiles.FORMAT + "')",
                    "point STATEKEEPER_DATA_DIR at the store's directory, or restore a backup"));
        }
        JsonNode version = document.path("version");
        if (!version.isInt() || !JsonStoreFormat.reads(version.asInt())) {
            boolean newer = version.isInt() && version.asInt() > JsonFiles.VERSION;
            findings.add(Finding.error(Check.JSON_FORMAT, name, "format version " + version + (newer ? " is newer than"
                    : " is not") + " this build's " + JsonFiles.VERSION, newer ? "use a newer statekeeper"
                    : "set \"version\": " + JsonFiles.VERSION + " by hand if the records are of that format"));
        }
        if (!document.path("generation").isIntegralNumber()) {
            findings.add(Finding.error(Check.JSON_FORMAT, name, "\"generation\" is missing or not a whole number",
                    "set it to any whole number by hand (the store counts on from it)"));
        }
        return findings;
    }

    /** "restore the newest backup: cp ...", or null when there is none. */
    private static String restore(Path file) {
        Path backup = JsonFiles.newestBackup(file);
        return backup == null ? null : "restore the newest backup: cp '" + backup + "' '" + file + "'";
    }
}
