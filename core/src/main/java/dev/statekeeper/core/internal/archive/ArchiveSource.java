package dev.statekeeper.core.internal.archive;

import java.nio.file.Path;

/** An export that can be read more than once (an import reads it twice: to check it, then to load it). */
@FunctionalInterface
public interface ArchiveSource {
    ArchiveReader open();

    static ArchiveSource of(Path file) {
        return () -> ArchiveReader.open(file);
    }
}
