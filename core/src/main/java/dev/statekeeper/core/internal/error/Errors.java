package dev.statekeeper.core.internal.error;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

/**
 * The exceptions every backend throws for the same failure, with the same code and message, so the contract suite
 * can assert them exactly. Each method returns the exception for the caller to throw.
 */
public final class Errors {
    private Errors() {
    }

    /**
     * {@link ErrorCode#LOOP_NOT_FOUND}: "loop 'ID' not found".
     *
     * @param id the loop's id
     * @return the exception
     */
    public static StatekeeperException loopNotFound(String id) {
        return StatekeeperException.notFound(ErrorCode.LOOP_NOT_FOUND, "loop '" + id + "'");
    }

    /**
     * {@link ErrorCode#SPEC_NOT_FOUND}: "spec 'NAME' of project 'P' not found".
     *
     * @param project the project
     * @param name    the spec's normalized name
     * @return the exception
     */
    public static StatekeeperException specNotFound(String project, String name) {
        return StatekeeperException.notFound(ErrorCode.SPEC_NOT_FOUND, "spec '" + name + "' of project '" + project + "'");
    }

    /**
     * {@link ErrorCode#ROADMAP_NOT_FOUND}: "roadmap of project 'P' not found".
     *
     * @param project the project
     * @return the exception
     */
    public static StatekeeperException roadmapNotFound(String project) {
        return StatekeeperException.notFound(ErrorCode.ROADMAP_NOT_FOUND, "roadmap of project '" + project + "'");
    }

    /**
     * {@link ErrorCode#PLAN_NOT_FOUND}: "plan of project 'P' not found".
     *
     * @param project the project
     * @return the exception
     */
    public static StatekeeperException planNotFound(String project) {
        return StatekeeperException.notFound(ErrorCode.PLAN_NOT_FOUND, "plan of project '" + project + "'");
    }

    /**
     * {@link ErrorCode#SESSION_NOT_FOUND}: "session 'NAME' not found".
     *
     * @param name the session's name
     * @return the exception
     */
    public static StatekeeperException sessionNotFound(String name) {
        return StatekeeperException.notFound(ErrorCode.SESSION_NOT_FOUND, "session '" + name + "'");
    }

    /**
     * {@link ErrorCode#OBJECTIVE_FEEDBACK_NOT_FOUND}: "objective feedback of loop 'ID' not found".
     *
     * @param loopId the loop's id
     * @return the exception
     */
    public static StatekeeperException objectiveFeedbackNotFound(String loopId) {
        return StatekeeperException.notFound(ErrorCode.OBJECTIVE_FEEDBACK_NOT_FOUND, "objective feedback of loop '" + loopId + "'");
    }

    /**
     * {@link ErrorCode#LINK_NOT_FOUND}: "spec link of loop 'ID' not found".
     *
     * @param loopId the loop's id
     * @return the exception
     */
    public static StatekeeperException linkNotFound(String loopId) {
        return StatekeeperException.notFound(ErrorCode.LINK_NOT_FOUND, "spec link of loop '" + loopId + "'");
    }

    /**
     * {@link ErrorCode#DUPLICATE}: "loop 'ID' already exists".
     *
     * @param id the loop's id
     * @return the exception
     */
    public static StatekeeperException duplicateLoop(String id) {
        return new StatekeeperException(ErrorCode.DUPLICATE, "loop '" + id + "' already exists");
    }

    /**
     * {@link ErrorCode#DUPLICATE}: "session 'NAME' already exists".
     *
     * @param name the session's name
     * @return the exception
     */
    public static StatekeeperException duplicateSession(String name) {
        return new StatekeeperException(ErrorCode.DUPLICATE, "session '" + name + "' already exists");
    }

    /**
     * {@link ErrorCode#STALE_VERSION} of a loop: "loop 'ID' is at version 3, not 2".
     *
     * @param id       the loop's id
     * @param current  the version it is at
     * @param expected the version the write expected
     * @return the exception
     */
    public static StatekeeperException staleLoop(String id, long current, long expected) {
        return new StatekeeperException(ErrorCode.STALE_VERSION,
                "loop '" + id + "' is at version " + current + ", not " + expected);
    }

    /**
     * {@link ErrorCode#LOOP_COMPLETED}: a write refused because the loop is completed.
     *
     * @param id        the loop's id
     * @param score     the score it completed with
     * @param iteration its iteration
     * @param refused   what was refused: {@code feedback} or {@code decisions}
     * @return the exception
     */
    public static StatekeeperException loopCompleted(String id, int score, int iteration, String refused) {
        return new StatekeeperException(ErrorCode.LOOP_COMPLETED, "loop '" + id + "' is completed (score " + score
                + " at iteration " + iteration + "), so it takes no more " + refused);
    }

    /**
     * {@link ErrorCode#STALE_VERSION} of a spec: "spec 'NAME' of project 'P' is at version 3, not 2".
     *
     * @param project  the project
     * @param name     the spec's name
     * @param current  the version it is at
     * @param expected the version the write expected
     * @return the exception
     */
    public static StatekeeperException staleSpec(String project, String name, long current, long expected) {
        return new StatekeeperException(ErrorCode.STALE_VERSION,
                "spec '" + name + "' of project '" + project + "' is at version " + current + ", not " + expected);
    }

    /**
     * {@link ErrorCode#STALE_VERSION} of a project's document (roadmap, plan) that is not at the version a write
     * expected.
     *
     * @param document {@code roadmap} or {@code plan}
     * @param project  the project
     * @param current  the version it is at, or null when there is no such document yet
     * @param expected the version the write expected
     * @return the exception
     */
    public static StatekeeperException staleDocument(String document, String project, Long current, long expected) {
        return new StatekeeperException(ErrorCode.STALE_VERSION, current == null
                ? "project '" + project + "' has no " + document + " yet, so it is not at version " + expected
                        + "; store it without an expected version to create it"
                : document + " of project '" + project + "' is at version " + current + ", not " + expected);
    }

    /**
     * Refuses a write of a project's document whose expected version, when given, is not the stored one's.
     *
     * @param document {@code roadmap} or {@code plan}
     * @param project  the project
     * @param current  the stored document's version, or null when there is none
     * @param expected the version the write expects, or null for any
     * @throws StatekeeperException {@link ErrorCode#STALE_VERSION} as {@link #staleDocument} says it
     */
    public static void checkDocumentVersion(String document, String project, Long current, Long expected) {
        if (expected != null && !expected.equals(current)) {
            throw staleDocument(document, project, current, expected);
        }
    }

    /**
     * {@link ErrorCode#STORE_CLOSED}: "the BACKEND store is closed".
     *
     * @param backend the backend's name
     * @return the exception
     */
    public static StatekeeperException closed(String backend) {
        return new StatekeeperException(ErrorCode.STORE_CLOSED, "the " + backend + " store is closed");
    }
}
