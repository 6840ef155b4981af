package dev.statekeeper.bench;

import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecStatus;

import java.util.List;
import java.util.Map;

/** The inputs every benchmark writes: realistic sizes (a few hundred bytes of text), always valid. */
public final class Samples {
    static final String PROJECT = "bench";

    private Samples() {
    }

    public static CriticFeedback feedback(int n) {
        return CriticFeedback.builder().criticAgent("spec-critic").iteration(1 + n % 50).overallScore(40 + n % 50)
                .assessmentSummary("The spec covers the main flows but leaves error handling open (round " + n + ").")
                .detailedFeedback("Section 3 names no timeout; section 5 mixes requirements with design. Add a failure table.")
                .keyIssues(List.of("no timeout for the upstream call", "error codes not listed"))
                .recommendations(List.of("add a table of failures with their codes", "split requirements from design"))
                .build();
    }

    /** A spec with every field set; {@code n} varies the free-text fields so no two documents are equal. */
    static SpecContent spec(String title, int n) {
        return new SpecContent(title, SpecStatus.DRAFT, "Objectives of " + title, "Scope: the service and its CLI",
                "PostgreSQL 16, SQLite 3", "a jar, a container image, the docs",
                "Layered: api, domain, one adapter per backend (revision " + n + ")", "Java 21, Maven",
                "Create, read, update and resolve records", "p99 under 50 ms at 100 requests/s",
                "Four milestones of two weeks", "Contract tests per backend", "none",
                "All contract tests green on every backend", "Used by the agent workflow tools",
                Map.of("notes", "revision " + n));
    }

    /** An update that changes only free (non-frozen) fields. */
    static SpecContent specUpdate(int n) {
        return new SpecContent(null, SpecStatus.IN_REVIEW, null, null, null, null,
                "Layered: api, domain, one adapter per backend (revision " + n + ")", null, null, null, null, null,
                null, null, null, null);
    }
}
