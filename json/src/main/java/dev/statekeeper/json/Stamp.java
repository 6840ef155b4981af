package dev.statekeeper.json;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * Which version of the file a store last read or wrote: the file's identity (inode), size and modification
 * time, and the generation written inside it. Any difference means another process (or store) wrote the file
 * since, and it is read again; the generation catches a rewrite that the file system's coarse timestamps and a
 * reused inode would hide.
 */
record Stamp(Object fileKey, long size, FileTime modified, long generation) {
    static Stamp of(BasicFileAttributes attributes, long generation) {
        return new Stamp(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(), generation);
    }
}
