package dev.statekeeper.core.internal.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;

/**
 * The checks of an export's first and last lines: that it is an export of a version this build reads, and that
 * its records are the ones that were written (checksum and counts). Every failure is CORRUPT, which exits 6.
 */
final class ArchiveEnds {
    private static final String HEADER = "{\"format\":\"" + ArchiveCodec.FORMAT + "\",\"version\":" + ArchiveCodec.VERSION
            + "}";

    private ArchiveEnds() {
    }

    /** Checks the header line; returns the export's format version, {@link ArchiveCodec#OLDEST} up to the current. */
    static int header(String source, String line) {
        if (line == null) {
            throw corrupt(source + " is empty: an export starts with the line " + HEADER);
        }
        JsonNode header;
        try {
            header = Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            header = null;
        }
        if (header == null || !ArchiveCodec.FORMAT.equals(header.path("format").asText(null))) {
            throw corrupt(source + " is not a statekeeper export: its first line is not " + HEADER);
        }
        int version = header.path("version").asInt(-1);
        if (version > ArchiveCodec.VERSION) {
            throw corrupt(source + " is format version " + version + ", written by a newer statekeeper; this one reads "
                    + "version " + ArchiveCodec.VERSION);
        }
        if (version < ArchiveCodec.OLDEST) {
            throw corrupt(source + " has no valid format version (expected " + ArchiveCodec.OLDEST + " to "
                    + ArchiveCodec.VERSION + ")");
        }
        return version;
    }

    /**
     * @param sha256 the checksum of the record lines read
     * @param counts the records read, or null when some lines were no records (their problems are reported instead)
     */
    static void trailer(String source, int version, long number, String line, String sha256, RecordCounts counts) {
        ArchiveCodec.Trailer trailer;
        try {
            trailer = ArchiveCodec.trailer(line);
        } catch (JsonProcessingException e) {
            throw corrupt(source + " is damaged: its trailer (line " + number + ") is not valid");
        }
        if (!sha256.equals(trailer.sha256())) {
            throw corrupt(source + " is damaged: the SHA-256 of its records is " + sha256 + " but its trailer says "
                    + trailer.sha256() + " (the file was changed after it was written)");
        }
        if (counts != null && !counts.byKind(version).equals(trailer.counts())) {
            throw corrupt(source + " is damaged: it holds " + counts.byKind(version) + " records but its trailer says "
                    + trailer.counts());
        }
    }

    static StatekeeperException corrupt(String message) {
        return new StatekeeperException(ErrorCode.CORRUPT, message);
    }
}
