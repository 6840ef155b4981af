package dev.statekeeper.core.domain;

import java.time.Instant;
import java.util.List;

/** A project's roadmap with the project's specs in creation order. */
public record Roadmap(String project, long version, RoadmapContent content, List<Spec> specs, Instant createdAt,
                      Instant updatedAt) {
    public Roadmap {
        specs = List.copyOf(specs);
    }
}
