package dev.statekeeper.core.internal.error;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

/** The messages every backend uses for the same failure, so the contract suite can assert them exactly. */
public final class Errors {
    private Errors() {
    }

    public static StatekeeperException loopNotFound(String id) {
        return StatekeeperException.notFound(ErrorCode.LOOP_NOT_FOUND, "loop '" + id + "'");
    }

    public static StatekeeperException specNotFound(String project, String name) {
        return StatekeeperException.notFound(ErrorCode.SPEC_NOT_FOUND, "spec '" + name + "' of project '" + project + "'");
    }

    public static StatekeeperException roadmapNotFound(String project) {
        return StatekeeperException.notFound(ErrorCode.ROADMAP_NOT_FOUND, "roadmap of project '" + project + "'");
    }

    public static StatekeeperException planNotFound(String project) {
        return StatekeeperException.notFound(ErrorCode.PLAN_NOT_FOUND, "plan of project '" + project + "'");
    }

    public static StatekeeperException sessionNotFound(String name) {
        return StatekeeperException.notFound(ErrorCode.SESSION_NOT_FOUND, "session '" + name + "'");
    }

    public static StatekeeperException objectiveFeedbackNotFound(String loopId) {
        return StatekeeperException.notFound(ErrorCode.OBJECTIVE_FEEDBACK_NOT_FOUND, "objective feedback of loop '" + loopId + "'");
    }

    public static StatekeeperException linkNotFound(String loopId) {
        return StatekeeperException.notFound(ErrorCode.LINK_NOT_FOUND, "spec link of loop '" + loopId + "'");
    }

    public static StatekeeperException duplicateLoop(String id) {
        return new StatekeeperException(ErrorCode.DUPLICATE, "loop '" + id + "' already exists");
    }

    public static StatekeeperException duplicateSession(String name) {
        return new StatekeeperException(ErrorCode.DUPLICATE, "session '" + name + "' already exists");
    }

    public static StatekeeperException staleLoop(String id, long current, long expected) {
        return new StatekeeperException(ErrorCode.STALE_VERSION,
                "loop '" + id + "' is at version " + current + ", not " + expected);
    }

    /** A write refused because the loop is completed; {@code refused} says what was refused ("feedback"). */
    public static StatekeeperException loopCompleted(String id, int score, int iteration, String refused) {
        return new StatekeeperException(ErrorCode.LOOP_COMPLETED, "loop '" + id + "' is completed (score " + score
                + " at iteration " + iteration + "), so it takes no more " + refused);
    }

    public static StatekeeperException staleSpec(String project, String name, long current, long expected) {
        return new StatekeeperException(ErrorCode.STALE_VERSION,
                "spec '" + name + "' of project '" + project + "' is at version " + current + ", not " + expected);
    }

    /**
     * A write of a project's document (roadmap, plan) that expected a version the document is not at;
     * {@code current} null when there is no such document yet.
     */
    public static StatekeeperException staleDocument(String document, String project, Long current, long expected) {
        return new StatekeeperException(ErrorCode.STALE_VERSION, current == null
                ? "project '" + project + "' has no " + document + " yet, so it is not at version " + expected
                        + "; store it without an expected version to create it"
                : document + " of project '" + project + "' is at version " + current + ", not " + expected);
    }

    /** Refuses a write whose expected version (when given) is not the stored document's (null when none). */
    public static void checkDocumentVersion(String document, String project, Long current, Long expected) {
        if (expected != null && !expected.equals(current)) {
            throw staleDocument(document, project, current, expected);
        }
    }

    public static StatekeeperException closed(String backend) {
        return new StatekeeperException(ErrorCode.STORE_CLOSED, "the " + backend + " store is closed");
    }
}
