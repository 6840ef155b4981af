package dev.statekeeper.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.archive.SpecLinkRecord;
import dev.statekeeper.core.archive.SpecRecord;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static dev.statekeeper.testkit.Fixtures.plan;
import static dev.statekeeper.testkit.Fixtures.roadmap;
import static dev.statekeeper.testkit.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file: where it is created, what it looks like, what survives a reopen, and when it is written. */
class JsonFileTest {
    private final TestClock clock = new TestClock();

    @TempDir
    Path dir;

    private Settings settings() {
        return Settings.builder().set(Setting.DATA_DIR, dir.toString()).build();
    }

    private Path file() {
        return dir.resolve("state.json");
    }

    private static long generation(Path file) throws Exception {
        return Json.mapper().readTree(file.toFile()).get("generation").asLong();
    }

    /**
     * A file that versions before Unicode spec names wrote ("Über uns" stored as "ber-uns"): the first open renames
     * such specs, with their links, to their titles' names now, in one write; a spec whose new name another has
     * keeps its own.
     */
    @Test
    void specsStoredUnderTheirOldNamesAreRenamedOnceWhenTheFileIsOpened() throws Exception {
        String loopId;
        try (JsonStateStore store = JsonStateStore.open(settings(), clock)) {
            loopId = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            ArchiveLoader loader = store.archive().loader(LoadMode.MERGE); // as an earlier version wrote them
            loader.accept(legacySpec("ber-uns", "Über uns"));
            loader.accept(legacySpec("le", "\uFB01le"));
            loader.accept(legacySpec("file", "File"));
            loader.accept(new SpecLinkRecord(loopId, "demo", "ber-uns"));
            loader.finish();
        }

        long renamed;
        try (JsonStateStore store = JsonStateStore.open(settings(), clock)) {
            assertThat(store.listSpecs(SpecQuery.of("demo")).items()).extracting(Spec::name)
                    .containsExactly("über-uns", "le", "file");
            assertThat(store.specForLoop(loopId).name()).isEqualTo("über-uns");
            assertThat(store.specHistory("demo", "Über uns")).extracting(Spec::name).containsExactly("über-uns");
            renamed = generation(file());
        }
        JsonStateStore.open(settings(), clock).close();
        assertThat(generation(file())).as("renamed once").isEqualTo(renamed);
    }

    private static SpecRecord legacySpec(String name, String title) {
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        return new SpecRecord("demo", name, at, List.of(new SpecRecord.Revision(1, 0, at, spec(title))));
    }

    @Test
    void theBackendNamedJsonCreatesAnEmptyStoreAtTheXdgDefaultPath() throws Exception {
        Settings settings = Settings.builder().environment(Map.of("XDG_STATE_HOME", dir.toString(),
                "STATEKEEPER_BACKEND", "json")).build();

        try (StateStore store = StateStores.open(settings, clock)) {
            Path file = dir.resolve("statekeeper").resolve("state.json");
            assertThat(store.operationLog().persistent()).as("timed, its log kept beside the file").isTrue();
            assertThat(store.info().backend()).isEqualTo("json");
            assertThat(store.info().location()).isEqualTo(file.toString());
            assertThat(store.info().schemaVersion()).isEqualTo("2");
            assertThat(store.info().counts()).containsOnlyKeys("loops", "feedback", "specs", "specRevisions",
                    "roadmaps", "plans", "sessions").allSatisfy((kind, count) -> assertThat(count).isZero());
            assertThat(store.info().sizes()).containsExactly(Map.entry("state.json", Files.size(file)));
            assertThat(Files.readString(file)).isEqualTo("""
                    {
                      "format": "statekeeper-json",
                      "version": 2,
                      "generation": 1,
                      "activeLoops": [],
                      "loops": [],
                      "specs": [],
                      "roadmaps": [],
                      "plans": [],
                      "sessions": [],
                      "history": {
                        "lastSequence": 0,
                        "events": [],
                        "requestKeys": []
                      }
                    }
                    """);
        }
    }

    @Test
    void theFileIsPrettyJsonWithEveryFieldInAFixedOrderAndMapKeysSorted() throws Exception {
        try (StateStore store = JsonStateStore.open(settings(), TestClock.frozen())) {
            Loop loop = store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0001"));
            store.addFeedback(loop.id(), feedback(72));
            store.putObjectiveFeedback(loop.id(), "ship it");
            store.startSession(new NewSession("s1", "web", null, "main", "42", Map.of("zone", "eu", "arch", "x86")));
        }

        assertThat(Files.readString(file())).isEqualTo("""
                {
                  "format": "statekeeper-json",
                  "version": 2,
                  "generation": 5,
                  "activeLoops": [
                    "loop0001"
                  ],
                  "loops": [
                    {
                      "id": "loop0001",
                      "project": "demo",
                      "type": "spec",
                      "status": "in_progress",
                      "currentScore": 72,
                      "iteration": 1,
                      "version": 2,
                      "createdAt": "2026-01-01T00:00:00Z",
                      "updatedAt": "2026-01-01T00:00:00Z",
                      "objectiveFeedback": "ship it",
                      "spec": null,
                      "feedback": [
                        {
                          "criticAgent": "spec-critic",
                          "iteration": 1,
                          "overallScore": 72,
                          "assessmentSummary": "summary at 72",
                          "detailedFeedback": "details",
                          "keyIssues": [
                            "issue one"
                          ],
                          "recommendations": [
                            "do better"
                          ],
                          "timestamp": "2026-01-01T00:00:00Z"
                        }
                      ]
                    }
                  ],
                  "specs": [],
                  "roadmaps": [],
                  "plans": [],
                  "sessions": [
                    {
                      "name": "s1",
                      "status": "active",
                      "repoName": "web",
                      "repoUrl": null,
                      "branch": "main",
                      "taskId": "42",
                      "createdAt": "2026-01-01T00:00:00Z",
                      "updatedAt": "2026-01-01T00:00:00Z",
                      "metadata": {
                        "arch": "x86",
                        "zone": "eu"
                      }
                    }
                  ],
                  "history": {
                    "lastSequence": 4,
                    "events": [
                      {
                        "sequence": 1,
                        "time": "2026-01-01T00:00:00Z",
                        "change": "loop.created",
                        "entityId": "loop0001",
                        "project": "demo",
                        "version": 1,
                        "actor": null,
                        "via": "java",
                        "requestId": null,
                        "requestKey": null,
                        "summary": {
                          "status": "initialized",
                          "type": "spec"
                        }
                      },
                      {
                        "sequence": 2,
                        "time": "2026-01-01T00:00:00Z",
                        "change": "loop.feedback_added",
                        "entityId": "loop0001",
                        "project": "demo",
                        "version": 2,
                        "actor": null,
                        "via": "java",
                        "requestId": null,
                        "requestKey": null,
                        "summary": {
                          "critic": "spec-critic",
                          "iteration": 1,
                          "score": 72,
                          "status": "in_progress",
                          "statusBefore": "initialized"
                        }
                      },
                      {
                        "sequence": 3,
                        "time": "2026-01-01T00:00:00Z",
                        "change": "loop.objective_stored",
                        "entityId": "loop0001",
                        "project": "demo",
                        "version": null,
                        "actor": null,
                        "via": "java",
                        "requestId": null,
                        "requestKey": null,
                        "summary": {
                          "characters": 7
                        }
                      },
                      {
                        "sequence": 4,
                        "time": "2026-01-01T00:00:00Z",
                        "change": "session.started",
                        "entityId": "s1",
                        "project": null,
                        "version": null,
                        "actor": null,
                        "via": "java",
                        "requestId": null,
                        "requestKey": null,
                        "summary": {
                          "branch": "main",
                          "status": "active"
                        }
                      }
                    ],
                    "requestKeys": []
                  }
                }
                """);
    }

    @Test
    void everyRecordSurvivesAReopenWithItsIdsTimestampsAndVersions() {
        Loop loop;
        Decision decision;
        List<Spec> history;
        Roadmap roadmap;
        ProjectPlan plan;
        Session ended;
        try (StateStore store = JsonStateStore.open(settings(), clock)) {
            loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            store.createLoop(NewLoop.of("other", LoopType.PLAN));
            store.addFeedback(loop.id(), feedback(70));
            store.addFeedback(loop.id(), feedback(2, 80));
            decision = store.decide(loop.id());
            store.putObjectiveFeedback(loop.id(), "objective");
            store.putSpec("demo", spec("Auth"));
            store.updateSpec("demo", "auth", SpecContent.titled("Auth"), 1L);
            history = store.specHistory("demo", "auth");
            store.linkLoop(loop.id(), "demo", "auth");
            roadmap = store.putRoadmap("demo", roadmap("Demo"));
            plan = store.putPlan("demo", plan("v"));
            store.startSession(new NewSession("s1", "web", "https://x/web", "main", "42", Map.of("k", "v")));
            ended = store.endSession("s1");
            loop = store.getLoop(loop.id());
        }

        try (StateStore store = JsonStateStore.open(settings(), clock)) {
            assertThat(store.getLoop(loop.id())).isEqualTo(loop);
            assertThat(loop.version()).isEqualTo(4);
            assertThat(loop.iteration()).isEqualTo(decision.iteration());
            assertThat(store.getObjectiveFeedback(loop.id())).isEqualTo("objective");
            assertThat(store.specHistory("demo", "auth")).isEqualTo(history).hasSize(2);
            assertThat(store.specForLoop(loop.id())).isEqualTo(history.getLast());
            assertThat(store.getRoadmap("demo")).isEqualTo(new Roadmap(roadmap.project(), roadmap.version(),
                    roadmap.content(), List.of(history.getLast()), roadmap.createdAt(), roadmap.updatedAt()));
            assertThat(store.getPlan("demo")).isEqualTo(plan);
            assertThat(store.getSession("s1")).isEqualTo(ended);
            assertThat(store.activeLoops()).extracting(s -> s.project()).containsExactly("other", "demo");
        }
    }

    @Test
    void eachWriteIsTheNextGenerationAndReadsAndRefusalsWriteNothing() throws Exception {
        try (StateStore store = JsonStateStore.open(settings(), clock)) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            store.addFeedback(loop.id(), feedback(50));
            byte[] before = Files.readAllBytes(file());
            assertThat(generation(file())).isEqualTo(3);

            store.getLoop(loop.id());
            store.info();
            assertThatThrownBy(() -> store.addFeedback(loop.id(), feedback(60), 1L))
                    .hasMessage("loop '" + loop.id() + "' is at version 2, not 1");
            assertThatThrownBy(() -> store.createLoop(new NewLoop("demo", LoopType.SPEC, loop.id())))
                    .hasMessage("loop '" + loop.id() + "' already exists");
            assertThat(store.cleanSessions(Duration.ofDays(1), false)).isEmpty();

            assertThat(Files.readAllBytes(file())).isEqualTo(before);
            store.addFeedback(loop.id(), feedback(60), 2L);
            assertThat(generation(file())).isEqualTo(4);
            assertThat(generation(dir.resolve("state.json.1"))).isEqualTo(3);
        }
    }

    @Test
    void twoStoresOnOneFileSeeEachOthersWritesAndLoseNone() {
        try (StateStore a = JsonStateStore.open(settings(), clock);
             StateStore b = JsonStateStore.open(settings(), clock)) {
            Loop loop = a.createLoop(NewLoop.of("demo", LoopType.SPEC));

            assertThat(b.getLoop(loop.id())).isEqualTo(loop);
            b.addFeedback(loop.id(), feedback(40));
            a.addFeedback(loop.id(), feedback(50));
            b.startSession(NewSession.named("s1"));

            assertThat(a.getLoop(loop.id()).scoreHistory()).containsExactly(40, 50);
            assertThat(a.getLoop(loop.id()).version()).isEqualTo(3);
            assertThat(a.getSession("s1").name()).isEqualTo("s1");
            assertThat(b.getLoop(loop.id())).isEqualTo(a.getLoop(loop.id()));
        }
    }

    @Test
    void whenTheFileIsALinkTheFileItPointsToIsWrittenAndTheLinkStays() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        try (StateStore store = JsonStateStore.open(Settings.builder().set(Setting.DATA_DIR, elsewhere.toString())
                .build(), clock)) {
            store.startSession(NewSession.named("s1"));
        }
        Files.createSymbolicLink(file(), elsewhere.resolve("state.json"));

        try (StateStore store = JsonStateStore.open(settings(), clock)) {
            assertThat(store.info().location()).isEqualTo(elsewhere.resolve("state.json").toString());
            store.startSession(NewSession.named("s2"));
        }

        assertThat(Files.isSymbolicLink(file())).isTrue();
        assertThat(Files.readString(elsewhere.resolve("state.json"))).contains("\"s2\"");
        assertThat(elsewhere.resolve("state.json.2")).exists();
    }

    @Test
    void aClosedStoreRefusesEveryOperation() {
        StateStore store = JsonStateStore.open(settings(), clock);
        store.close();

        assertThatThrownBy(() -> store.createLoop(NewLoop.of("demo", LoopType.SPEC)))
                .hasMessage("the json store is closed")
                .extracting(e -> ((StatekeeperException) e).code())
                .isEqualTo(ErrorCode.STORE_CLOSED);
    }

    @Test
    void theFileIsValidJsonAfterEveryKindOfWrite() throws Exception {
        try (StateStore store = JsonStateStore.open(settings(), clock)) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            store.putSpec("demo", spec("Auth \"quoted\" \u00e9\u00e8 \ud83d\ude80"));
            store.deleteLoop(loop.id());
            store.putPlan("demo", plan("line one\nline two"));
            store.deletePlan("demo");
        }

        JsonNode tree = Json.mapper().readTree(file().toFile());
        assertThat(tree.get("loops")).isEmpty();
        assertThat(tree.get("specs").get(0).get("revisions").get(0).get("content").get("title").asText())
                .isEqualTo("Auth \"quoted\" \u00e9\u00e8 \ud83d\ude80");
        assertThat(tree.get("plans")).isEmpty();
    }
}
