package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.Document;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.internal.json.JsonInput;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.util.List;

/** Where {@code loop feedback} takes the feedback from: flags, or a JSON document (--file). */
final class FeedbackInput {
    @Option(names = "--file", paramLabel = "FILE", description = {"read the feedback as a JSON object instead "
            + "(- reads stdin): criticAgent, iteration, overallScore, assessmentSummary, detailedFeedback, "
            + "keyIssues, recommendations"})
    String file;

    @ArgGroup(exclusive = false, heading = "%nFeedback flags (instead of --file):%n")
    Flags flags;

    static final class Flags {
        @Option(names = "--critic", required = true, paramLabel = "NAME", description = "the critic agent's name")
        String critic;

        @Option(names = "--score", required = true, paramLabel = "0-100", description = "the overall score")
        int score;

        @Option(names = "--summary", required = true, paramLabel = "TEXT", description = "the assessment summary")
        String summary;

        @Option(names = "--iteration", paramLabel = "N",
                description = "the iteration assessed (default: the loop's current iteration)")
        Integer iteration;

        @Option(names = "--details", paramLabel = "TEXT", description = "detailed feedback")
        String details;

        @Option(names = "--issue", paramLabel = "TEXT", description = "a key issue (repeatable)")
        List<String> issues;

        @Option(names = "--recommendation", paramLabel = "TEXT", description = "a recommendation (repeatable)")
        List<String> recommendations;
    }

    /** The feedback; without an iteration, the store records it at the loop's current one. */
    CriticFeedback read(InputStream stdin) {
        if (file != null) {
            Document doc = Document.load(file, stdin, "feedback file");
            return JsonInput.document("feedback", doc.source()).read(doc.text(), CriticFeedback.class);
        }
        return CriticFeedback.builder().criticAgent(flags.critic).iteration(flags.iteration).overallScore(flags.score)
                .assessmentSummary(flags.summary).detailedFeedback(flags.details).keyIssues(flags.issues)
                .recommendations(flags.recommendations).build();
    }
}
