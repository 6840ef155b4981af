package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ArchiveRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * The lines of an export: a header, one record per line, a trailer. Records are compact JSON with their fields in
 * declaration order, map keys sorted and every character beyond ASCII escaped ({@code \u00e9}), so the same
 * records always give the same bytes, whatever the platform's encoding. Read back strictly: unknown and missing
 * fields are refused.
 */
final class ArchiveCodec {
    static final String FORMAT = "statekeeper-export";
    /** The version this build writes: 2 added the change history ({@code event}, {@code eventSequence} records). */
    static final int VERSION = 2;
    /** The oldest version this build reads: version 1, without the change history, still imports. */
    static final int OLDEST = 1;
    /** How a trailer line starts; no record line can (a record starts with its kind). */
    static final String TRAILER_START = "{\"trailer\":";

    private static final ObjectWriter RECORD_WRITER = Json.mapper().writerFor(ArchiveRecord.class)
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .with(JsonWriteFeature.ESCAPE_NON_ASCII);
    private static final ObjectWriter PLAIN_WRITER = Json.mapper().writer()
            .with(JsonWriteFeature.ESCAPE_NON_ASCII);
    private static final ObjectReader RECORD_READER = Json.mapper().readerFor(ArchiveRecord.class)
            .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    private static final ObjectReader TRAILER_READER = Json.mapper().readerFor(Trailer.class)
            .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /** The first line. */
    record Header(String format, int version) {
    }

    /** The last line: the number of records of each kind and the SHA-256 of every record line with its newline. */
    record Trailer(String trailer, Map<String, Long> counts, String sha256) {
    }

    private ArchiveCodec() {
    }

    /** A record's line, without the newline. */
    static byte[] line(ArchiveRecord record) {
        try {
            return RECORD_WRITER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new StatekeeperException(ErrorCode.INTERNAL, "cannot write " + record.describe() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    static byte[] header() {
        return plain(new Header(FORMAT, VERSION));
    }

    static byte[] trailer(Map<String, Long> counts, byte[] sha256) {
        return plain(new Trailer(FORMAT, counts, HexFormat.of().formatHex(sha256)));
    }

    static ArchiveRecord record(String line) throws JsonProcessingException {
        return RECORD_READER.readValue(line);
    }

    static Trailer trailer(String line) throws JsonProcessingException {
        return TRAILER_READER.readValue(line);
    }

    private static byte[] plain(Object value) {
        try {
            return PLAIN_WRITER.writeValueAsString(value).getBytes(StandardCharsets.US_ASCII);
        } catch (JsonProcessingException e) {
            throw new StatekeeperException(ErrorCode.INTERNAL, "cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
