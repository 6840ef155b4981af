package dev.statekeeper.bench.http;

/** One request or store call of a load run; shared by every client thread, so it must be thread-safe. */
@FunctionalInterface
public interface Operation {
    /** Completes normally on success; throws on any failure (for HTTP, any status but the expected one). */
    void call() throws Exception;
}
