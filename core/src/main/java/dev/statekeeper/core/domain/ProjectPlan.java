package dev.statekeeper.core.domain;

import java.time.Instant;

/** A project's plan (one per project). */
public record ProjectPlan(String project, long version, PlanContent content, Instant createdAt, Instant updatedAt) {
}
