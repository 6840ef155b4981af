package dev.statekeeper.doctor.json;

import java.nio.file.Path;

/** The json store the checks look at: its file ({@code state.json}, or what a link there points to). Holds nothing open. */
record JsonHandle(Path file) implements AutoCloseable {
    /** A file beside the store's: {@code .lock}, {@code .1}. */
    Path sibling(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    @Override
    public void close() {
    }
}
