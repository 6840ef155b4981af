package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.KeyValues;
import dev.statekeeper.cli.support.Table;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopSummary;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** How loops, their feedback and decisions read on a terminal. */
final class LoopText {
    private LoopText() {
    }

    static void describe(Loop loop, PrintWriter out) {
        new KeyValues()
                .add("id", loop.id())
                .add("project", loop.project())
                .add("type", loop.type())
                .add("status", loop.status())
                .add("score", loop.currentScore())
                .add("history", loop.scoreHistory().isEmpty() ? "(none)"
                        : loop.scoreHistory().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .add("iteration", loop.iteration())
                .add("version", loop.version())
                .add("created", Text.time(loop.createdAt()))
                .add("updated", Text.time(loop.updatedAt()))
                .add("feedback", Text.count(loop.feedback().size(), "entry", "entries"))
                .print(out);
        for (int i = 0; i < loop.feedback().size(); i++) {
            feedback(i + 1, loop.feedback().get(i), out);
        }
    }

    private static void feedback(int number, CriticFeedback f, PrintWriter out) {
        out.println();
        out.println("#" + number + " iteration " + f.iteration() + ", " + f.criticAgent() + ", score "
                + f.overallScore() + ", " + Text.time(f.timestamp()));
        KeyValues block = new KeyValues().add("   summary", f.assessmentSummary());
        if (!f.detailedFeedback().isEmpty()) {
            block.add("   details", f.detailedFeedback());
        }
        bullets(block, "   issues", f.keyIssues());
        bullets(block, "   recommendations", f.recommendations());
        block.print(out);
    }

    private static void bullets(KeyValues block, String label, List<String> items) {
        if (!items.isEmpty()) {
            block.add(label, items.stream().map(s -> "- " + s).collect(Collectors.joining("\n")));
        }
    }

    static void table(List<LoopSummary> loops, PrintWriter out) {
        if (loops.isEmpty()) {
            out.println("no loops");
            return;
        }
        Table table = new Table("ID", "PROJECT", "TYPE", "STATUS", "SCORE", "ITERATION", "FEEDBACK", "UPDATED");
        for (LoopSummary l : loops) {
            table.row(l.id(), l.project(), l.type(), l.status(), l.currentScore(), l.iteration(), l.feedbackCount(),
                    Text.time(l.updatedAt()));
        }
        table.print(out);
    }

    static void decision(Decision d, PrintWriter out) {
        new KeyValues()
                .add("loop", d.loopId())
                .add("status", d.status())
                .add("iteration", d.iteration())
                .add("score", d.score() + " (threshold " + d.threshold() + ")")
                .add("reason", d.reason())
                .add("version", d.version())
                .print(out);
    }
}
