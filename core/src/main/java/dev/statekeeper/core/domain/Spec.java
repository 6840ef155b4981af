package dev.statekeeper.core.domain;

import java.time.Instant;

/**
 * A stored technical spec (or one of its revisions): keyed by project and normalized name. {@code iteration}
 * is 0 on the first store and +1 per update; {@code version} is 1 on the first store and +1 per update.
 * {@code content} is complete: no field is null but {@code additionalSections} may be empty.
 *
 * @param project   the project it belongs to
 * @param name      its name, the normalized title ({@link SpecName})
 * @param iteration 0 on the first store, one more per update
 * @param version   1 on the first store, one more per update
 * @param content   the document
 * @param createdAt when the spec was first stored
 * @param updatedAt when this version was stored
 */
public record Spec(String project, String name, int iteration, long version, SpecContent content,
                   Instant createdAt, Instant updatedAt) {
}
