package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.events.Change;
import dev.statekeeper.core.events.EntityKind;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.KeptRequest;
import dev.statekeeper.core.events.LoopWait;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.events.Via;
import dev.statekeeper.testkit.Fixtures;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change history: exactly one event for every change a write commits, none for a write refused, numbered
 * without gaps, with who wrote and through what; request keys kept with their writes; reading, following and
 * pruning.
 */
@SuppressWarnings("try") // an Origin.Scope is held for its block, never referenced in it
public abstract class EventContract extends ContractBase {

    private List<StoreEvent> all() {
        return store.events().read(EventQuery.all().withLimit(EventQuery.MAX_LIMIT)).events();
    }

    private StoreEvent last() {
        return all().getLast();
    }

    private void assertEvent(StoreEvent event, Change change, String entityId, String project, Long version) {
        assertThat(event.change()).isEqualTo(change);
        assertThat(event.entityId()).isEqualTo(entityId);
        assertThat(event.project()).isEqualTo(project);
        assertThat(event.version()).isEqualTo(version);
        assertThat(event.via()).isEqualTo(Via.JAVA);
        assertThat(event.actor()).isNull();
        assertThat(event.time()).isBetween(TestClock.START, clock.instant());
        assertThat(List.copyOf(event.summary().keySet())).as("summary keys in alphabetical order").isSorted();
    }

    @Test
    void aNewStoreHasNoEvents() {
        assertThat(store.events().lastSequence()).isZero();
        EventBatch batch = store.events().read(EventQuery.all());
        assertThat(batch.events()).isEmpty();
        assertThat(batch.lastSequence()).isZero();
    }

    @Test
    void everyLoopWriteMakesExactlyOneEventWithTheLoopsNewVersion() throws Exception {
        Loop loop = store.createLoop(NewLoop.of("p1", LoopType.SPEC));
        assertEvent(last(), Change.LOOP_CREATED, loop.id(), "p1", 1L);
        assertThat(last().sequence()).isEqualTo(1);
        assertThat(last().summary()).containsEntry("type", "spec").containsEntry("status", "initialized");
        assertThat(last().entity()).isEqualTo("loop:" + loop.id());

        store.addFeedback(loop.id(), Fixtures.feedback(70));
        assertEvent(last(), Change.LOOP_FEEDBACK_ADDED, loop.id(), "p1", store.getLoop(loop.id()).version());
        assertThat(last().summary()).containsEntry("critic", "spec-critic").containsEntry("score", 70)
                .containsEntry("status", "in_progress").containsEntry("statusBefore", "initialized");

        Decision decision = store.decide(loop.id());
        assertEvent(last(), Change.LOOP_DECIDED, loop.id(), "p1", decision.version());
        assertThat(decision.version()).isEqualTo(store.getLoop(loop.id()).version());
        assertThat(last().summary()).containsEntry("score", 70).containsEntry("status", decision.status().wire());

        store.putObjectiveFeedback(loop.id(), "objective");
        assertEvent(last(), Change.LOOP_OBJECTIVE_STORED, loop.id(), "p1", null);

        store.putSpec("p1", Fixtures.spec("Auth Service"));
        long before = store.events().lastSequence();
        store.linkLoop(loop.id(), "p1", "auth-service");
        assertEvent(last(), Change.LOOP_LINKED, loop.id(), "p1", null);
        assertThat(last().summary()).containsEntry("spec", "p1/auth-service");
        store.linkLoop(loop.id(), "p1", "auth-service");
        store.unlinkLoop(loop.id());
        assertEvent(last(), Change.LOOP_UNLINKED, loop.id(), "p1", null);
        store.unlinkLoop(loop.id());
        assertThat(store.events().lastSequence()).as("a link made again or a missing one removed changes nothing")
                .isEqualTo(before + 2);

        store.deleteLoop(loop.id());
        assertEvent(last(), Change.LOOP_DELETED, loop.id(), "p1", null);

        assertThat(all()).extracting(StoreEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void specRoadmapPlanAndSessionWritesMakeTheirEvents() {
        Spec first = store.putSpec("p1", Fixtures.spec("Auth Service"));
        assertEvent(last(), Change.SPEC_CREATED, "p1/auth-service", "p1", 1L);
        assertThat(last().entity()).isEqualTo("spec:p1/auth-service");

        Spec second = store.updateSpec("p1", first.name(), new SpecContent(null, SpecStatus.IN_REVIEW, null, null, null,
                null, "new architecture", null, null, null, null, null, null, null, null, null), 1L);
        assertEvent(last(), Change.SPEC_UPDATED, "p1/auth-service", "p1", second.version());
        assertThat(last().summary()).containsEntry("fields", List.of("status", "architecture"))
                .containsEntry("status", "in-review").containsEntry("statusBefore", "draft");

        store.putRoadmap("p1", Fixtures.roadmap("Road"));
        assertEvent(last(), Change.ROADMAP_STORED, "p1", "p1", 1L);
        assertThat(last().summary()).containsEntry("created", true);
        store.putRoadmap("p1", Fixtures.roadmap("Road 2"));
        assertEvent(last(), Change.ROADMAP_STORED, "p1", "p1", 2L);
        assertThat(last().summary()).containsEntry("fields", List.of("title"));

        store.putPlan("p1", Fixtures.plan("vision"));
        assertEvent(last(), Change.PLAN_STORED, "p1", "p1", 1L);
        store.deletePlan("p1");
        assertEvent(last(), Change.PLAN_DELETED, "p1", "p1", null);

        store.deleteSpec("p1", first.name());
        assertEvent(last(), Change.SPEC_DELETED, "p1/auth-service", "p1", null);

        store.startSession(new NewSession("s1", null, null, "main", null, null));
        assertEvent(last(), Change.SESSION_STARTED, "s1", null, null);
        assertThat(last().summary()).isEqualTo(Map.of("status", "active", "branch", "main"));
        store.endSession("s1");
        assertEvent(last(), Change.SESSION_ENDED, "s1", null, null);
        assertThat(last().summary()).isEqualTo(Map.of("status", "ended"));

        assertThat(store.events().lastSequence()).isEqualTo(9);
    }

    @Test
    void cleansMakeOneEventPerRecordRemovedAndDryRunsNone() {
        Loop a = store.createLoop(NewLoop.of("p1", LoopType.SPEC));
        Loop b = store.createLoop(NewLoop.of("p2", LoopType.PLAN));
        for (Loop loop : List.of(a, b)) {
            store.addFeedback(loop.id(), Fixtures.feedback(100));
            store.decide(loop.id());
        }
        store.startSession(NewSession.named("s1"));
        store.endSession("s1");
        clock.advance(Duration.ofDays(10));
        long before = store.events().lastSequence();

        store.cleanLoops(Duration.ofDays(1), true);
        store.cleanSessions(Duration.ofDays(1), true);
        assertThat(store.events().lastSequence()).isEqualTo(before);

        store.cleanLoops(Duration.ofDays(1), false);
        store.cleanSessions(Duration.ofDays(1), false);
        List<StoreEvent> events = store.events().read(EventQuery.all().withAfter(before)).events();
        assertThat(events).extracting(StoreEvent::change)
                .containsExactly(Change.LOOP_DELETED, Change.LOOP_DELETED, Change.SESSION_DELETED);
        assertThat(events.subList(0, 2)).extracting(StoreEvent::entityId).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(events.getLast().summary()).containsEntry("clean", true).containsEntry("olderThan", "PT24H");
    }

    @Test
    void aRefusedWriteMakesNoEvent() {
        Loop loop = store.createLoop(NewLoop.of("p1", LoopType.SPEC));
        store.startSession(NewSession.named("s1"));
        long before = store.events().lastSequence();

        refused(ErrorCode.LOOP_NOT_FOUND, () -> store.addFeedback("nope", Fixtures.feedback(5)));
        refused(ErrorCode.STALE_VERSION, () -> store.addFeedback(loop.id(), Fixtures.feedback(5), 7L));
        refused(ErrorCode.NO_FEEDBACK, () -> store.decide(loop.id()));
        failure(ErrorCode.DUPLICATE, "session 's1' already exists", () -> store.startSession(NewSession.named("s1")));
        refused(ErrorCode.PLAN_NOT_FOUND, () -> store.deletePlan("p1"));
        refused(ErrorCode.LOOP_NOT_FOUND, () -> store.deleteLoop("nope"));

        assertThat(store.events().lastSequence()).isEqualTo(before);
        assertThat(all()).hasSize((int) before);
    }

    @Test
    void recordsTheOriginOpenOnTheThread() {
        try (Origin.Scope scope = Origin.of(Via.HTTP, "ci-token").open()) {
            store.startSession(NewSession.named("s1"));
        }
        store.endSession("s1");

        List<StoreEvent> events = all();
        assertThat(events.get(0).via()).isEqualTo(Via.HTTP);
        assertThat(events.get(0).actor()).isEqualTo("ci-token");
        assertThat(events.get(1).via()).as("the scope is closed").isEqualTo(Via.JAVA);
        assertThat(events.get(1).actor()).isNull();
    }

    @Test
    void keepsARequestKeyWithItsWriteAndRefusesItTwice() {
        Origin keyed = Origin.of(Via.HTTP, "bot").withRequestKey("key-1", "fp-1");
        try (Origin.Scope scope = keyed.open()) {
            store.startSession(NewSession.named("s1"));
        }
        assertThat(last().requestKey()).isEqualTo("key-1");
        KeptRequest kept = store.requestKeys().find("key-1").orElseThrow();
        assertThat(kept.fingerprint()).isEqualTo("fp-1");
        assertThat(kept.at()).isEqualTo(last().time());
        assertThat(kept.response()).isNull();
        long before = store.events().lastSequence();

        try (Origin.Scope scope = keyed.open()) {
            failure(ErrorCode.REQUEST_KEY_IN_USE, "Idempotency-Key 'key-1' was already used by a write that "
                    + "committed; nothing was changed", () -> store.startSession(NewSession.named("s2")));
        }
        refused(ErrorCode.SESSION_NOT_FOUND, () -> store.getSession("s2"));
        assertThat(store.events().lastSequence()).isEqualTo(before);

        KeptRequest.Response response = new KeptRequest.Response(201, "application/json",
                Map.of("Location", "/api/v1/sessions/s1"), "{\"name\":\"s1\"}".getBytes(), 13);
        store.requestKeys().keepResponse("key-1", response);
        store.requestKeys().keepResponse("key-1", new KeptRequest.Response(500, null, Map.of(), null, 0));
        store.requestKeys().keepResponse("unknown", response);
        KeptRequest.Response found = store.requestKeys().find("key-1").orElseThrow().response();
        assertThat(found.status()).isEqualTo(201);
        assertThat(found.contentType()).isEqualTo("application/json");
        assertThat(found.headers()).isEqualTo(Map.of("Location", "/api/v1/sessions/s1"));
        assertThat(new String(found.body())).isEqualTo("{\"name\":\"s1\"}");
        assertThat(found.bodyBytes()).isEqualTo(13);
        assertThat(store.requestKeys().find("unknown")).isEmpty();
    }

    @Test
    void aRefusedWriteKeepsNoRequestKey() {
        try (Origin.Scope scope = Origin.of(Via.HTTP, null).withRequestKey("key-2", "fp").open()) {
            refused(ErrorCode.SESSION_NOT_FOUND, () -> store.endSession("nope"));
        }
        assertThat(store.requestKeys().find("key-2")).isEmpty();
    }

    @Test
    void readsByEntityProjectTimeAndSequenceInPages() {
        Loop a = store.createLoop(NewLoop.of("p1", LoopType.SPEC));
        Loop b = store.createLoop(NewLoop.of("p2", LoopType.SPEC));
        clock.advance(Duration.ofMinutes(5));
        java.time.Instant mark = clock.instant();
        store.addFeedback(a.id(), Fixtures.feedback(50));
        store.addFeedback(b.id(), Fixtures.feedback(60));
        store.startSession(NewSession.named("s1"));

        assertThat(seqs(EventQuery.all().withEntity("loop:" + a.id()))).containsExactly(1L, 3L);
        assertThat(seqs(EventQuery.all().withEntity("loop"))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(seqs(EventQuery.all().withEntity(EntityKind.SESSION, "s1"))).containsExactly(5L);
        assertThat(seqs(EventQuery.all().withProject("p2"))).containsExactly(2L, 4L);
        assertThat(seqs(EventQuery.all().withSince(mark))).containsExactly(3L, 4L, 5L);
        assertThat(seqs(EventQuery.all().withAfter(3))).containsExactly(4L, 5L);

        EventQuery page = EventQuery.all().withLimit(2);
        EventBatch first = store.events().read(page);
        assertThat(first.events()).extracting(StoreEvent::sequence).containsExactly(1L, 2L);
        assertThat(first.lastSequence()).isEqualTo(5);
        EventBatch second = store.events().read(page.withAfter(first.next(page)));
        assertThat(second.events()).extracting(StoreEvent::sequence).containsExactly(3L, 4L);
        EventBatch none = store.events().read(page.withAfter(5));
        assertThat(none.events()).isEmpty();
        assertThat(none.next(page.withAfter(5))).isEqualTo(5);
    }

    @Test
    void refusesAQueryOutOfRange() {
        failure(ErrorCode.VALIDATION_FAILED, "invalid events query (2 problems): after = -1: must be >= 0; "
                + "limit = 0: must be between 1 and 1000", () -> store.events().read(
                        new EventQuery(-1, null, null, null, null, 0)));
        failure(ErrorCode.VALIDATION_FAILED, "invalid events query: entity = 'robot:1': must be KIND or KIND:ID with "
                + "KIND one of loop, spec, roadmap, plan, session, such as loop:3f2a...",
                () -> EventQuery.all().withEntity("robot:1"));
        failure(ErrorCode.VALIDATION_FAILED, "invalid events query: entity = 'x': needs a kind, as in loop:ID",
                () -> store.events().read(new EventQuery(0, null, null, "x", null, 10)));
        refused(ErrorCode.VALIDATION_FAILED, () -> store.events().read(
                EventQuery.all().withProject("a\u0000b")));
    }

    @Test
    void aFollowerWakesOnTheNextCommitAndTimesOutWithoutOne() throws Exception {
        // a poll far longer than the test: only the commit's own announcement (or PostgreSQL's notification) wakes it
        StateStore quiet = open(settings().toBuilder().set(Setting.EVENTS_POLL, "60").build());
        assertThat(quiet.events().awaitAfter(0, Duration.ZERO)).isZero();
        quiet.startSession(NewSession.named("s1"));
        assertThat(quiet.events().awaitAfter(0, Duration.ofMinutes(1))).as("already there").isEqualTo(1);

        CompletableFuture<Long> woken = new CompletableFuture<>();
        Thread follower = new Thread(() -> {
            try {
                woken.complete(quiet.events().awaitAfter(1, Duration.ofMinutes(1)));
            } catch (InterruptedException | RuntimeException e) {
                woken.completeExceptionally(e);
            }
        }, "event-follower");
        follower.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (follower.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(follower.getState()).as("the follower waits before the commit").isEqualTo(Thread.State.TIMED_WAITING);
        quiet.endSession("s1");
        assertThat(woken.get(30, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void aLoopWaitEndsWhenTheLoopGetsThereOrTheTimeoutPasses() throws Exception {
        Loop loop = store.createLoop(NewLoop.of("p1", LoopType.SPEC));
        store.startSession(NewSession.named("other"));

        LoopWait.Result timedOut = LoopWait.pastVersion(store, loop.id(), 1, Duration.ofMillis(1));
        assertThat(timedOut.reached()).isFalse();
        assertThat(timedOut.loop().version()).isEqualTo(1);
        assertThat(LoopWait.pastVersion(store, loop.id(), 0, Duration.ZERO).reached()).isTrue();

        CompletableFuture<LoopWait.Result> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return LoopWait.until(store, loop.id(), l -> l.status() == LoopStatus.IN_PROGRESS,
                        Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        store.endSession("other");
        store.addFeedback(loop.id(), Fixtures.feedback(40));
        LoopWait.Result reached = waiting.get(30, TimeUnit.SECONDS);
        assertThat(reached.reached()).isTrue();
        assertThat(reached.loop().status()).isEqualTo(LoopStatus.IN_PROGRESS);
        assertThat(reached.loop().feedback()).hasSize(1);

        refused(ErrorCode.LOOP_NOT_FOUND, () -> LoopWait.pastVersion(store, "nope", 1, Duration.ofSeconds(1)));
    }

    @Test
    void prunesOldEventsAndKeysWhileTheSequenceGoesOn() {
        try (Origin.Scope scope = Origin.of(Via.HTTP, null).withRequestKey("old", "fp").open()) {
            store.startSession(NewSession.named("s1"));
        }
        store.startSession(NewSession.named("s2"));
        clock.advance(Duration.ofDays(100));
        store.startSession(NewSession.named("s3"));

        assertThat(store.events().prune(Duration.ofDays(90))).isEqualTo(2);
        assertThat(all()).extracting(StoreEvent::sequence).containsExactly(3L);
        assertThat(store.requestKeys().find("old")).isEmpty();

        store.events().prune(Duration.ofHours(1));
        clock.advance(Duration.ofDays(1));
        assertThat(store.events().prune(Duration.ofHours(1))).isEqualTo(1);
        assertThat(all()).isEmpty();
        assertThat(store.events().lastSequence()).isEqualTo(3);
        store.startSession(NewSession.named("s4"));
        assertThat(last().sequence()).as("numbers are never reused").isEqualTo(4);
    }

    private List<Long> seqs(EventQuery query) {
        return store.events().read(query).events().stream().map(StoreEvent::sequence).toList();
    }
}
