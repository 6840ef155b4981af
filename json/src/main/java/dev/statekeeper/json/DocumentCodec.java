package dev.statekeeper.json;

import dev.statekeeper.json.internal.JsonStoreFormat;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

/**
 * The document as bytes: pretty-printed JSON (two-space indent, one field per line, map keys sorted, a final
 * newline) so that the same state always gives the same bytes, and read back strictly (unknown or missing
 * fields refused) with every problem reported as CORRUPT at its line and column.
 */
final class DocumentCodec {
    private static final ObjectReader READER = Json.mapper().readerFor(StateDocument.class)
            .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    private static final ObjectReader VERSION_1 = Json.mapper().readerFor(StateDocument.Version1.class)
            .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /** What the first fields of a file say; any of them may be null when absent or of the wrong type. */
    record Header(String format, Integer version, Long generation) {
    }

    private DocumentCodec() {
    }

    static byte[] encode(StateDocument document) {
        try {
            return JsonStoreFormat.write(document);
        } catch (JsonProcessingException e) {
            throw new StatekeeperException(ErrorCode.INTERNAL, "cannot write the json store document: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a whole file: first every token (bad JSON is reported where it breaks), then the format and version,
     * then every record. A file of version 1 is read with an empty history ({@link StateDocument.Version1}).
     */
    static StateDocument decode(StorePaths paths, byte[] bytes) {
        if (bytes.length == 0) {
            throw FileErrors.corrupt(paths, "", "the file is empty (0 bytes)", null);
        }
        Header header;
        try (JsonParser parser = Json.mapper().createParser(bytes)) {
            header = header(parser);
            while (parser.nextToken() != null) {
                parser.skipChildren(); // reads every token, so bad JSON is reported where it breaks, before any field
            }
        } catch (JsonProcessingException e) {
            throw FileErrors.corrupt(paths, where(e), detail(e), e);
        } catch (IOException e) {
            throw FileErrors.unreadable(paths.file(), e);
        }
        if (!StateDocument.FORMAT.equals(header.format())) {
            throw FileErrors.corrupt(paths, "", "it is not a statekeeper json store ("
                    + (header.format() == null ? "it has no \"format\" field" : "format '" + header.format() + "'")
                    + ", expected '" + StateDocument.FORMAT + "')", null);
        }
        if (header.version() != null && header.version() > StateDocument.VERSION) {
            throw FileErrors.newerFormat(paths.file(), header.version(), StateDocument.VERSION);
        }
        try {
            StateDocument document = Integer.valueOf(JsonStoreFormat.OLDEST_VERSION).equals(header.version())
                    ? VERSION_1.<StateDocument.Version1>readValue(bytes).current() : READER.readValue(bytes);
            if (!JsonStoreFormat.reads(document.version())) {
                throw FileErrors.corrupt(paths, "", "format version " + document.version() + " is not one this build reads ("
                        + JsonStoreFormat.OLDEST_VERSION + " to " + StateDocument.VERSION + ")", null);
            }
            return document;
        } catch (JsonProcessingException e) {
            throw FileErrors.corrupt(paths, where(e), detail(e), e);
        } catch (IOException e) {
            throw FileErrors.unreadable(paths.file(), e);
        }
    }

    /** The generation a file says it is, read from its first fields only; -1 when they do not say. */
    static long generation(InputStream in) throws IOException {
        try (JsonParser parser = Json.mapper().createParser(in)) {
            Long generation = header(parser).generation();
            return generation == null ? -1 : generation;
        } catch (JsonProcessingException e) {
            return -1;
        }
    }

    /** Reads top-level fields until format, version and generation are all known (they come first in our files). */
    private static Header header(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return new Header(null, null, null);
        }
        String format = null;
        Integer version = null;
        Long generation = null;
        while ((format == null || version == null || generation == null) && parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "format" -> format = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "version" -> version = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : null;
                case "generation" -> generation = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
                default -> parser.skipChildren();
            }
        }
        return new Header(format, version, generation);
    }

    /** " at line L, column C", with the path of the bad field when Jackson knows it: " (loops[0].type)". */
    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String place = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining());
            place += " (" + (path.startsWith(".") ? path.substring(1) : path) + ")";
        }
        return place;
    }

    /**
     * Jackson's own words without its class names and source placeholders, or the rule a record or enum refused
     * with (it names the field and the value).
     */
    private static String detail(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (e instanceof JsonMappingException && cause != null && cause.getMessage() != null
                && (cause instanceof IllegalArgumentException || cause instanceof StatekeeperException)) {
            return cause.getMessage();
        }
        return e.getOriginalMessage()
                .replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]", "line $1, column $2")
                .replaceAll("(?s)^Missing creator property '([^']*)'.*", "field '$1' is missing")
                .replaceAll("(?s)^Unrecognized field \"([^\"]*)\".*", "unknown field '$1'");
    }
}
