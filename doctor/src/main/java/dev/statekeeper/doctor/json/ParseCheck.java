package dev.statekeeper.doctor.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.json.internal.JsonStoreFormat;

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

    /** What the top level of the document says, or what is wrong with it ({@code problem} not null). */
    private record Parsed(String format, Object version, Map<String, Integer> records, String problem) {
        static Parsed broken(String problem) {
            return new Parsed(null, null, Map.of(), problem);
        }
    }

    @Override
    public CheckResult run(JsonHandle handle, CheckContext context) throws IOException {
        CheckResult.Builder result = CheckResult.of(this).threshold("valid JSON, format '" + JsonStoreFormat.FORMAT
                + "', version " + JsonStoreFormat.OLDEST_VERSION + " to " + JsonStoreFormat.VERSION);
        Parsed parsed;
        try (JsonParser parser = FACTORY.createParser(Files.newInputStream(handle.file()))) {
            try {
                parsed = read(parser);
            } catch (JsonProcessingException e) { // a syntax error, or a limit of the parser (nesting, length)
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                parsed = Parsed.broken("not valid JSON at " + at(at) + ": " + e.getOriginalMessage());
            }
        }
        if (parsed.problem() != null) {
            return damaged(result, handle, parsed.problem());
        }
        result.evidence("format", parsed.format()).evidence("version", parsed.version())
                .evidence("records", parsed.records());
        if (!JsonStoreFormat.FORMAT.equals(parsed.format())) {
            return damaged(result, handle, "it is not a statekeeper json store (" + (parsed.format() == null
                    ? "it has no \"format\"" : "format '" + parsed.format() + "'") + ")");
        }
        if (!(parsed.version() instanceof Integer v && JsonStoreFormat.reads(v))) {
            boolean newer = parsed.version() instanceof Integer v && v > JsonStoreFormat.VERSION;
            return damaged(result, handle, "format version " + parsed.version() + (newer ? " is newer than" : " is not")
                    + " this build's " + JsonStoreFormat.VERSION + (newer ? ": use a newer statekeeper" : ""));
        }
        return result.ok("the file parses: " + parsed.records().getOrDefault("loops", 0) + " loops, "
                + parsed.records().getOrDefault("specs", 0) + " specs");
    }

    /** Reads the top level: format, version and the length of each list, skipping everything else. */
    private static Parsed read(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return Parsed.broken("the file is empty (0 bytes of JSON)");
        }
        if (first != JsonToken.START_OBJECT) {
            return Parsed.broken("the document is not a JSON object");
        }
        String format = null;
        Object version = null;
        Map<String, Integer> records = new LinkedHashMap<>();
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
            return Parsed.broken("there is more after the document, at " + at(parser.currentLocation()));
        }
        return new Parsed(format, version, records, null);
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
