package dev.statekeeper.mcp;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.result.ObjectiveFeedback;

import java.util.List;

/** Refinement loops: create, read, feedback, decide, objective feedback, the active-loop history. */
final class LoopTools {
    private LoopTools() {
    }

    record InitializeLoop(
            @Arg(value = "the project the loop belongs to", required = true, maxLength = NewLoop.MAX_PROJECT)
            String project,
            @Arg(value = "what the loop refines; its type sets the score that completes it", required = true)
            LoopType type) {
    }

    record LoopRef(@Arg(value = "the loop's id, as initialize_refinement_loop returned it", required = true)
                   String loopId) {
    }

    record NoArguments() {
    }

    /** The most feedback entries get_loop_status returns at once. */
    static final int MAX_FEEDBACK_LIMIT = 100;
    /** How many feedback entries get_loop_status returns unless asked for more or fewer. */
    static final int DEFAULT_FEEDBACK_LIMIT = 10;

    record LoopStatusArgs(
            @Arg(value = "the loop's id, as initialize_refinement_loop returned it", required = true) String loopId,
            @Arg(value = "return at most this many feedback entries, newest first (default 10)", min = 1,
                    max = MAX_FEEDBACK_LIMIT) Integer feedbackLimit,
            @Arg(value = Listing.CURSOR, maxLength = Listing.MAX_CURSOR) String cursor) {
    }

    /**
     * A loop's state sized for a context window: its summary, its newest scores (at most
     * {@link #MAX_FEEDBACK_LIMIT}, oldest first) and one page of its feedback, newest first.
     */
    record LoopStatusView(LoopSummary loop, List<Integer> scoreHistory, Listing<CriticFeedback> feedback) {
        static LoopStatusView of(Loop loop, Integer feedbackLimit, String cursor) {
            int limit = feedbackLimit == null ? DEFAULT_FEEDBACK_LIMIT : feedbackLimit;
            if (limit < 1 || limit > MAX_FEEDBACK_LIMIT) {
                throw StatekeeperException.invalid("feedbackLimit", List.of(new Violation("feedbackLimit",
                        String.valueOf(limit), "must be between 1 and " + MAX_FEEDBACK_LIMIT)));
            }
            int offset = Listing.offset(cursor);
            List<CriticFeedback> newestFirst = loop.feedback().reversed();
            List<Integer> scores = loop.scoreHistory();
            return new LoopStatusView(loop.summary(),
                    scores.subList(Math.max(0, scores.size() - MAX_FEEDBACK_LIMIT), scores.size()),
                    Listing.slice(newestFirst, offset, limit));
        }
    }

    record StoreFeedback(
            @Arg(value = "the loop's id", required = true) String loopId,
            @Arg(value = "the critic agent's name", required = true, maxLength = CriticFeedback.MAX_CRITIC_AGENT)
            String criticAgent,
            @Arg(value = "the overall score", required = true, min = CriticFeedback.MIN_SCORE,
                    max = CriticFeedback.MAX_SCORE) Integer overallScore,
            @Arg(value = "a one-paragraph assessment", required = true, maxLength = CriticFeedback.MAX_TEXT)
            String assessmentSummary,
            @Arg(value = "the iteration assessed (default: the loop's current one)", min = CriticFeedback.FIRST_ITERATION)
            Integer iteration,
            @Arg(value = "the detailed feedback", maxLength = CriticFeedback.MAX_TEXT) String detailedFeedback,
            @Arg("the key issues found") List<String> keyIssues,
            @Arg("the recommended changes") List<String> recommendations,
            @Arg(value = "fail with a stale-version error unless the loop is at this version", min = 1) Long expectedVersion) {
    }

    record Decide(
            @Arg(value = "the loop's id", required = true) String loopId,
            @Arg(value = "fail with a stale-version error unless the loop is at this version", min = 1) Long expectedVersion) {
    }

    record StoreObjective(
            @Arg(value = "the loop's id", required = true) String loopId,
            @Arg(value = "the objective feedback text; replaces an earlier one", required = true) String text) {
    }

    static List<ToolDef<?>> all() {
        return List.of(
                ToolDef.writes("initialize_refinement_loop", InitializeLoop.class, ToolDef.type(Loop.class),
                        "Start a refinement loop for a project: returns the new loop (its 'id' is what the other "
                                + "loop tools take), status initialized, iteration 1.",
                        (store, a) -> store.createLoop(NewLoop.of(a.project(), a.type()))),
                ToolDef.reads("get_loop_status", LoopStatusArgs.class, ToolDef.type(LoopStatusView.class),
                        "A loop's summary (status, current score, iteration, feedbackCount), its newest 100 scores "
                                + "and its critic feedback newest first, a page at a time.",
                        (store, a) -> LoopStatusView.of(store.getLoop(a.loopId()), a.feedbackLimit(), a.cursor())),
                ToolDef.reads("list_active_loops", NoArguments.class, ToolDef.listing(LoopSummary.class),
                        "The active-loop history: the most recently created loops, newest first, without their "
                                + "feedback bodies.",
                        (store, a) -> Listing.of(store.activeLoops())),
                ToolDef.writes("store_critic_feedback", StoreFeedback.class, ToolDef.type(LoopSummary.class),
                        "Record a critic's assessment of a loop, atomically: the entry is appended, the current "
                                + "score set, the score history extended and an initialized loop moves to "
                                + "in_progress. Returns the loop's new state without the feedback bodies.",
                        LoopTools::storeFeedback),
                ToolDef.writes("decide_loop_next_action", Decide.class, ToolDef.type(Decision.class),
                        "Decide and store the loop's next action from its latest score: completed when it reaches "
                                + "the type's threshold; user_input on a checkpoint iteration or when the score "
                                + "stagnates; else refine. Every outcome but completed advances the iteration.",
                        (store, a) -> store.decide(a.loopId(), a.expectedVersion())),
                ToolDef.reads("get_previous_objective_feedback", LoopRef.class, ToolDef.type(ObjectiveFeedback.class),
                        "The objective feedback text stored for a loop.",
                        (store, a) -> new ObjectiveFeedback(a.loopId(), store.getObjectiveFeedback(a.loopId()))),
                ToolDef.replaces("store_current_objective_feedback", StoreObjective.class,
                        ToolDef.type(ObjectiveFeedback.class),
                        "Store a loop's objective feedback text, replacing an earlier one.",
                        (store, a) -> {
                            store.putObjectiveFeedback(a.loopId(), a.text());
                            return new ObjectiveFeedback(a.loopId(), a.text());
                        }));
    }

    private static Object storeFeedback(StateStore store, StoreFeedback a) {
        CriticFeedback feedback = CriticFeedback.builder().criticAgent(a.criticAgent()).iteration(a.iteration())
                .overallScore(a.overallScore()).assessmentSummary(a.assessmentSummary())
                .detailedFeedback(a.detailedFeedback()).keyIssues(a.keyIssues()).recommendations(a.recommendations())
                .build();
        return store.addFeedback(a.loopId(), feedback, a.expectedVersion());
    }
}
