package dev.statekeeper.bench.http;

import dev.statekeeper.core.domain.CriticFeedback;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What both modes do, so they do the same: a uniformly random prefilled loop for every call, and the same
 * feedback entry (critic, iteration 1, a random score, a one-line summary) as a JSON body or as a record.
 */
public final class Workload {
    public static final String CRITIC = "load-critic";
    public static final String SUMMARY = "Clear structure; the error handling of the upstream call is still open.";

    private final List<String> ids;

    public Workload(List<String> ids) {
        this.ids = List.copyOf(ids);
    }

    public String randomLoop() {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    public static int randomScore() {
        return ThreadLocalRandom.current().nextInt(101);
    }

    /** The HTTP body: the same entry as {@link #feedback}, iteration 1 included. */
    static String feedbackJson(int score) {
        return "{\"criticAgent\": \"" + CRITIC + "\", \"iteration\": 1, \"overallScore\": " + score
                + ", \"assessmentSummary\": \"" + SUMMARY + "\"}";
    }

    static CriticFeedback feedback(int score) {
        return CriticFeedback.builder().criticAgent(CRITIC).iteration(1).overallScore(score).assessmentSummary(SUMMARY)
                .build();
    }
}
