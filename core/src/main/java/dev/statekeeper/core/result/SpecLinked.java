package dev.statekeeper.core.result;

/**
 * A loop linked to a spec: {@code {"loopId": ..., "project": ..., "name": ...}}.
 *
 * @param name the spec's normalized name
 */
public record SpecLinked(String loopId, String project, String name) {
}
