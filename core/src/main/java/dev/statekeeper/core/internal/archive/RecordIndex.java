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
 * 100 bytes each), not with their content.
 */
final class RecordIndex {
    private final Map<String, Long> digests = new HashMap<>();
    private final MessageDigest sha = ArchiveWriter.sha256();

    /** The index of everything the archive exports now. */
    static RecordIndex of(Archive archive) {
        RecordIndex index = new RecordIndex();
        archive.export(index::add);
        return index;
    }

    void add(ArchiveRecord record) {
        digests.put(id(record), digest(record));
    }

    boolean contains(RecordKind kind, String key) {
        return digests.containsKey(kind.wire() + ":" + key);
    }

    /** Whether the index has a record of this kind and key: none, an identical one, or a different one. */
    Match match(ArchiveRecord record) {
        Long known = digests.get(id(record));
        return known == null ? Match.ABSENT : known == digest(record) ? Match.IDENTICAL : Match.DIFFERENT;
    }

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
