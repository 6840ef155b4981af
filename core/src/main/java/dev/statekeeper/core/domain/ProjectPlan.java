package dev.statekeeper.core.domain;

import java.time.Instant;

/**
 * A project's plan (one per project).
 *
 * @param project   the project
 * @param version   1 on the first store, one more per update
 * @param content   the document, complete
 * @param createdAt when it was first stored
 * @param updatedAt when it last changed
 */
public record ProjectPlan(String project, long version, PlanContent content, Instant createdAt, Instant updatedAt) {
}
