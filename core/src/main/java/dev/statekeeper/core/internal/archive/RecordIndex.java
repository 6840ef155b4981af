package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.RecordKind;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * The records of one export by kind and key, each as a 64-bit digest of its line: enough to tell whether another
 * record of the same key is identical without holding the records. Memory grows with the number of keys (about
 * 100 bytes each), not with their content. The change history is not indexed: only whether there is one
 * ({@link #hasHistory()}), as a merge never loads events into a store that has its own.
 */
final class RecordIndex {
    private final Map<String, Long> digests = new HashMap<>();
    private final MessageDigest sha = ArchiveWriter.sha256();
    private boolean history;

    /** The index of everything the archive exports now. */
    static RecordIndex of(Archive archive) {
        RecordIndex index = new RecordIndex();
        archive.export(index::add);
        return index;
    }

    void add(ArchiveRecord record) {
        if (record.kind().history()) {
            history = true;
        } else {
            digests.put(id(record), digest(record));
        }
    }

    /** Whether the export had a change history: an event, or a last sequence (all its events may be pruned). */
    boolean hasHistory() {
        return history;
    }

    boolean contains(RecordKind kind, String key) {
        return digests.containsKey(kind.wire() + ":" + key);
    }

    /** Whether the index has a record of this kind and key: none, an identical one, or a different one. */
    Match match(ArchiveRecord record) {
        Long known = digests.get(id(record));
        return known == null ? Match.ABSENT : known == digest(record) ? Match.IDENTICAL : Match.DIFFERENT;
    }

    /** The records indexed, the history's left out. */
    int size() {
        return digests.size();
    }

    enum Match { ABSENT, IDENTICAL, DIFFERENT }

    private static String id(ArchiveRecord record) {
        return record.kind().wire() + ":" + record.key();
    }

    private long digest(ArchiveRecord record) {
        return ByteBuffer.wrap(sha.digest(ArchiveCodec.line(record))).getLong();
    }
}
