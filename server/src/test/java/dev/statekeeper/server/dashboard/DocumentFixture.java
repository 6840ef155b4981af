package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.PlanStatus;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.RoadmapStatus;
import dev.statekeeper.core.domain.SpecContent;

import java.util.Map;

/** Roadmaps, plans and sessions for the tests of the document pages, some of them markup that must stay text. */
final class DocumentFixture {
    /** The project of the full roadmap and plan. */
    static final String PROJECT = "atlas";
    /** Sessions "bulk-00" to "bulk-59", for paging. */
    static final int SESSIONS = 60;
    static final String MILESTONES = "Phases of the work:\n- M1: schema frozen\n- M2: API beta\n\n"
            + "| Milestone | Due | Owner |\n|---|---|---|\n| M1 | 2026-03-01 | data team |\n| M2 | 2026-05-01 | api team |";

    private DocumentFixture() {
    }

    /** Server settings: any free port, no doctor runs, the given token (or none), the dashboard's actions on/off. */
    static Settings server(String token, boolean write) {
        Settings.Builder b = Settings.builder().set(Setting.SERVER_PORT, "0").set(Setting.DOCTOR_INTERVAL, "0")
                .set(Setting.DASHBOARD_WRITE, Boolean.toString(write));
        if (token != null) {
            b.set(Setting.API_TOKEN, token);
        }
        return b.build();
    }

    /**
     * A roadmap (in progress, with lists, a table and two specs) and a plan (active) of {@link #PROJECT}; a roadmap
     * and a plan of {@link Fixture#SCRIPT_PROJECT} whose fields are markup; a draft plan of "quiet"; sessions
     * "doc-session" (with metadata, one value markup), "ended-session" (ended), "team/agent#1" and {@value #SESSIONS} of "bulk".
     */
    static void seed(StateStore store) {
        store.putSpec(PROJECT, SpecContent.titled("Storage layer"));
        store.putSpec(PROJECT, SpecContent.titled("HTTP API"));
        store.putRoadmap(PROJECT, new RoadmapContent("Atlas roadmap", RoadmapStatus.IN_PROGRESS,
                "Ship a durable store for agents", "6 months", "4 engineers", "120k", "Schema before API",
                "1. Data loss\n2. Slow queries", "Backups every hour", "2 weeks", null, null, null, null, MILESTONES,
                "Beta customers by May", null, null));
        store.putPlan(PROJECT, new PlanContent(PlanStatus.ACTIVE, "Agents keep their state", "Be boring and safe",
                "Q1-Q2", "120k", "* Reliable writes\n* Fast reads", null, null, null, null, null, null, null, null,
                null, null, "Phase 1: storage\nPhase 2: API", null, null, null, null, null, null, null, null, null,
                null, null, null, null));
        store.putRoadmap(Fixture.SCRIPT_PROJECT, new RoadmapContent(Fixture.SCRIPT_PROJECT, null,
                Fixture.IMG_SUMMARY, null, null, null, null, "- <script>alert(1)</script>", null, null, null, null,
                null, null, "| <b>bold</b> | x |\n| <img src=x onerror=alert(2)> | y |", null, null, null));
        store.putPlan(Fixture.SCRIPT_PROJECT, PlanContent.withVision(Fixture.IMG_SUMMARY));
        store.putPlan("quiet", PlanContent.withVision("A draft"));
        store.startSession(new NewSession("ended-session", null, null, null, null, null));
        store.endSession("ended-session");
        for (int i = 0; i < SESSIONS; i++) {
            store.startSession(new NewSession(String.format("bulk-%02d", i), "bulk", null, null, null, null));
        }
        store.startSession(new NewSession("team/agent#1", null, null, null, null, null));
        store.startSession(new NewSession("doc-session", "<i>repo</i>", "https://example.test/repo.git", "main",
                "T-17", Map.of("agent", "claude", "note", Fixture.SCRIPT_PROJECT)));
    }
}
