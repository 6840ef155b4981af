package dev.statekeeper.testkit;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.internal.archive.ArchiveImport;
import dev.statekeeper.core.internal.archive.ArchiveReader;
import dev.statekeeper.core.internal.archive.ArchiveWriter;
import dev.statekeeper.core.internal.archive.ImportResult;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.internal.archive.Progress;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecStatus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static dev.statekeeper.testkit.Fixtures.roadmap;
import static dev.statekeeper.testkit.Fixtures.spec;

/** Exports as bytes, imports from bytes, and a store holding every kind of record, for the archive tests. */
public final class Archives {
    private Archives() {
    }

    /** The store's export. */
    public static byte[] export(StateStore store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveWriter writer = new ArchiveWriter(out, "test export");
        store.archive().export(writer);
        writer.finish();
        return out.toByteArray();
    }

    /** Imports an export (checked first, as {@code db import} does). */
    public static ImportResult load(StateStore store, byte[] export, LoadMode mode) {
        return ArchiveImport.run(store, () -> ArchiveReader.of(new ByteArrayInputStream(export), "export 'test'"), mode,
                Progress.NONE);
    }

    /**
     * Fills the store with every kind of record through the API: loops with feedback, decisions, objectives and a
     * link, a spec with three revisions and sections, roadmaps, plans and sessions, some of it beyond ASCII.
     * Returns the id of the loop with feedback.
     */
    public static String fillEveryKind(StateStore store) {
        Loop a = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        Loop b = store.createLoop(new NewLoop("démo ☃", LoopType.PLAN, "fixed-id"));
        store.createLoop(NewLoop.of("demo", LoopType.ANALYST));
        store.createLoop(NewLoop.of("demo", LoopType.ROADMAP));
        store.addFeedback(a.id(), feedback(60));
        store.addFeedback(a.id(), CriticFeedback.builder().criticAgent("critic ✓").iteration(1).overallScore(70)
                .assessmentSummary("second 👍").recommendations(List.of("x", "y")).build());
        store.decide(a.id());
        store.putObjectiveFeedback(b.id(), "Ship it — «soon»");
        store.putObjectiveFeedback(a.id(), "objective");
        store.putSpec("demo", spec("User Auth"));
        store.updateSpec("demo", "user-auth", new SpecContent(null, SpecStatus.IN_REVIEW, null, null, null, null, "OAuth",
                null, null, null, null, null, null, null, null, Map.of("z", "last", "a", "first")), null);
        store.updateSpec("demo", "user-auth", new SpecContent(null, null, null, null, null, null, "OAuth 2.1", null, null,
                null, null, null, null, null, null, null), null);
        store.putSpec("demo", spec("Billing"));
        store.putSpec("Ärger", spec("Zebra"));
        store.linkLoop(a.id(), "demo", "user-auth");
        store.linkLoop(b.id(), "demo", "billing");
        store.putRoadmap("demo", roadmap("Road to v1"));
        store.putRoadmap("b-project", roadmap("B"));
        store.putPlan("demo", PlanContent.withVision("Agents that remember"));
        store.putPlan("Ärger", PlanContent.withVision("umlauts"));
        store.putPlan("Zed", PlanContent.withVision("capital"));
        store.startSession(new NewSession("fix/login", "web", "https://example.com/web.git", "fix/login", "42",
                Map.of("b", "2", "a", "1")));
        store.startSession(NewSession.named("ended-one"));
        store.endSession("ended-one");
        return a.id();
    }
}
