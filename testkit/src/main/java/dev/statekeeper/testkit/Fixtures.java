package dev.statekeeper.testkit;

import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecStatus;

import java.util.List;
import java.util.Map;

/** Small, valid inputs that tests vary one field at a time. */
public final class Fixtures {
    private Fixtures() {
    }

    public static CriticFeedback feedback(int score) {
        return feedback(1, score);
    }

    /** Feedback on that iteration; null leaves it to the store (the loop's current iteration). */
    public static CriticFeedback feedback(Integer iteration, int score) {
        return CriticFeedback.builder().criticAgent("spec-critic").iteration(iteration).overallScore(score)
                .assessmentSummary("summary at " + score).detailedFeedback("details")
                .keyIssues(List.of("issue one")).recommendations(List.of("do better")).build();
    }

    /** A spec document with every field set, so frozen-field and round-trip checks see real values. */
    public static SpecContent spec(String title) {
        return new SpecContent(title, SpecStatus.DRAFT, "objectives of " + title, "scope", "deps", "deliverables",
                "architecture", "java 21", "functional", "non-functional", "plan", "tests", "research", "success",
                "context", Map.of("notes", "extra"));
    }

    public static RoadmapContent roadmap(String title) {
        return new RoadmapContent(title, null, "goal", "6 months", "4", "100k", "critical path", "risks", "mitigations",
                "2 weeks", "resources", "infra", "external", "qa", "tech milestones", "business milestones", "gates",
                "p99 < 100ms");
    }

    public static PlanContent plan(String vision) {
        return PlanContent.withVision(vision);
    }
}
