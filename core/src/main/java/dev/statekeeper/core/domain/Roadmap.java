package dev.statekeeper.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * A project's roadmap (one per project) with the project's specs in creation order.
 *
 * @param project   the project
 * @param version   1 on the first store, one more per update
 * @param content   the document, complete
 * @param specs     the project's specs (current versions) in creation order
 * @param createdAt when it was first stored
 * @param updatedAt when it last changed
 */
public record Roadmap(String project, long version, RoadmapContent content, List<Spec> specs, Instant createdAt,
                      Instant updatedAt) {
    /** Copies the specs; the record's list is unmodifiable. */
    public Roadmap {
        specs = List.copyOf(specs);
    }
}
