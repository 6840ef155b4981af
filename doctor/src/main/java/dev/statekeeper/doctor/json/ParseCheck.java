package dev.statekeeper.doctor.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.json.JsonStoreFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code parse}: the file parses as JSON and is a store of this build's format and version, read as a stream (it
 * holds no more than one value at a time) and counting the records of each list. A file that does not is P0: the
 * store refuses to open it. Cheap in the sense that matters: the json store reads the whole file on every open
 * anyway, and {@code file-size} says when that grows too large.
 */
final class ParseCheck implements Check<JsonHandle> {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    @Override
    public String id() {
        return "parse";
    }

    @Override
    public String title() {
        return "The json store's file parses";
    }

    @Override
    public boolean cheap() {
        return true;
    }

    @Override
    public CheckResult run(JsonHandle handle, CheckContext context) throws IOException {
        CheckResult.Builder result = CheckResult.of(this).threshold("valid JSON, format '" + JsonStoreFormat.FORMAT
                + "', version " + JsonStoreFormat.VERSION);
        String format = null;
        Object version = null;
        Map<String, Integer> records = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(Files.newInputStream(handle.file()))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return damaged(result, handle, "the file is empty (0 bytes of JSON)");
            }
            if (first != JsonToken.START_OBJECT) {
                return damaged(result, handle, "the document is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("format") && value == JsonToken.VALUE_STRING) {
                    format = parser.getText();
                } else if (field.equals("version") && value.isScalarValue()) {
                    version = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : parser.getText();
                } else if (value == JsonToken.START_ARRAY) {
                    int n = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        parser.skipChildren();
                        n++;
                    }
                    records.put(field, n);
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return damaged(result, handle, "there is more after the document, at " + at(parser.currentLocation()));
            }
        } catch (JsonParseException e) {
            return damaged(result, handle, "not valid JSON at " + at(e.getLocation()) + ": " + e.getOriginalMessage());
        }
        result.evidence("format", format).evidence("version", version).evidence("records", records);
        if (!JsonStoreFormat.FORMAT.equals(format)) {
            return damaged(result, handle, "it is not a statekeeper json store (" + (format == null ? "it has no "
                    + "\"format\"" : "format '" + format + "'") + ")");
        }
        if (!Integer.valueOf(JsonStoreFormat.VERSION).equals(version)) {
            boolean newer = version instanceof Integer v && v > JsonStoreFormat.VERSION;
            return damaged(result, handle, "format version " + version + (newer ? " is newer than" : " is not")
                    + " this build's " + JsonStoreFormat.VERSION + (newer ? ": use a newer statekeeper" : ""));
        }
        return result.ok("the file parses: " + records.getOrDefault("loops", 0) + " loops, "
                + records.getOrDefault("specs", 0) + " specs");
    }

    private static CheckResult damaged(CheckResult.Builder result, JsonHandle handle, String what) {
        String backup = handle.sibling(".1").toString();
        return result.runbook("the store cannot open it: 'statekeeper db verify' says more; 'statekeeper db recover' "
                        + "keeps every complete record (the damaged file is kept), or restore the newest earlier version "
                        + "(" + backup + ") or a backup ('statekeeper db backups')")
                .fix(Fix.manual("statekeeper db recover --backup-first", "the damaged file is kept beside the new one as "
                        + "state.json.damaged-<UTC time>: stop statekeeper and move it back"))
                .finding(Severity.P0, "json store '" + handle.file() + "': " + what);
    }

    private static String at(JsonLocation location) {
        return location == null ? "an unknown place" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
