package dev.statekeeper.examples;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Embeds Statekeeper through its public API only: a SQLite store in a temporary directory, a refinement loop
 * with two critics' feedback, the loop policy's decision, and a spec stored and resolved by part of its name.
 * The build runs it ({@code EmbedSqliteTest}), so this README example cannot rot.
 */
public final class EmbedSqlite {
    private EmbedSqlite() {
    }

    public static void main(String[] args) throws IOException {
        run(System.out);
    }

    /** Runs the example, printing its summary to {@code out}. */
    public static void run(PrintStream out) throws IOException {
        Path dir = Files.createTempDirectory("statekeeper-example");
        try {
            Settings settings = Settings.builder().dataDir(dir).build();
            try (StateStore store = StateStores.open(settings)) {
                Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
                store.addFeedback(loop.id(), CriticFeedback.builder()
                        .criticAgent("spec-critic").overallScore(72).assessmentSummary("Solid start")
                        .keyIssues(List.of("no error model"))
                        .build());
                store.addFeedback(loop.id(), CriticFeedback.builder()
                        .criticAgent("security-critic").overallScore(80).assessmentSummary("Auth is sound")
                        .recommendations(List.of("rate-limit the login route"))
                        .build());
                Decision decision = store.decide(loop.id());

                store.putSpec("demo", SpecContent.titled("Payment Gateway"));
                Spec spec = store.resolveSpec("demo", "payment");

                out.println("backend: " + store.info().backend());
                out.println("loop " + loop.type() + ": " + decision.status() + " at iteration " + decision.iteration()
                        + ", score " + decision.score() + " of " + decision.threshold());
                out.println("spec: " + spec.name() + " (" + spec.content().title() + "), version " + spec.version());
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
