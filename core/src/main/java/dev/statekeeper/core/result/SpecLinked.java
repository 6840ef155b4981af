package dev.statekeeper.core.result;

/**
 * A loop linked to a spec: {@code {"loopId": ..., "project": ..., "name": ...}}.
 *
 * @param loopId  the loop's id
 * @param project the spec's project
 * @param name    the spec's normalized name
 */
public record SpecLinked(String loopId, String project, String name) {
}
