package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.Via;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency-Keys kept in the store: a retry is replayed by a restarted server or by another server on the same
 * store (one memory store shared by two servers stands for two servers on one database), never applied twice.
 */
class IdempotencyStoreTest {
    private static final String LOOP = "{\"project\": \"idem\", \"type\": \"spec\"}";
    private static final String FEEDBACK = "{\"criticAgent\": \"c\", \"overallScore\": 50, \"assessmentSummary\": \"s\"}";

    @Test
    void aRestartedServerReplaysTheResponseKeptInTheStore() {
        try (StateStore store = Stores.memory()) {
            StatekeeperServer first = StatekeeperServer.create(store, Stores.server());
            Http.Response created = new Http(first.start()).post("/api/v1/loops", LOOP, "Idempotency-Key", "k-1");
            first.stop();
            StatekeeperServer second = StatekeeperServer.create(store, Stores.server());
            try {
                Http http = new Http(second.start());
                Http.Response replay = http.post("/api/v1/loops", LOOP, "Idempotency-Key", "k-1");
                assertThat(replay.status()).isEqualTo(201);
                assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
                assertThat(replay.text()).isEqualTo(created.text());
                assertThat(replay.header("Location")).isEqualTo(created.header("Location"));
                assertThat(replay.header("ETag")).isEqualTo(created.header("ETag"));
                assertThat(replay.header("Content-Type")).isEqualTo(created.header("Content-Type"));
                assertThat(store.events().lastSequence()).as("applied once").isEqualTo(1);

                Http.Response other = http.post("/api/v1/loops", LOOP.replace("idem", "other"), "Idempotency-Key", "k-1");
                assertThat(other.status()).isEqualTo(422);
                assertThat(other.message()).isEqualTo("Idempotency-Key 'k-1' was already used for a different request "
                        + "(another method, path or body); use a new key for a new request");
                assertThat(store.events().lastSequence()).isEqualTo(1);
            } finally {
                second.stop();
            }
        }
    }

    @Test
    void aKeyCommittedByAnotherServerDuringTheWriteIsAnsweredWithItsResponse() throws Exception {
        try (StateStore real = Stores.memory()) {
            Loop loop = real.createLoop(NewLoop.of("idem", LoopType.SPEC));
            String path = "/api/v1/loops/" + loop.id() + "/feedback";
            BlockingStore blocking = new BlockingStore(real, "addFeedback");
            StatekeeperServer slow = StatekeeperServer.create(blocking.store, Stores.server());
            StatekeeperServer fast = StatekeeperServer.create(real, Stores.server());
            try {
                CompletableFuture<Http.Response> late = new Http(slow.start()).sendAsync("POST", path, FEEDBACK,
                        "Idempotency-Key", "race");
                assertThat(blocking.entered.await(30, TimeUnit.SECONDS)).as("past the lookup, before the write").isTrue();
                Http.Response first = new Http(fast.start()).post(path, FEEDBACK, "Idempotency-Key", "race");
                assertThat(first.status()).isEqualTo(201);
                blocking.release();
                Http.Response answer = late.get(30, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.text()).isEqualTo(201);
                assertThat(answer.header("Idempotent-Replayed")).isEqualTo("true");
                assertThat(answer.text()).isEqualTo(first.text());
                assertThat(real.getLoop(loop.id()).feedback()).as("applied once").hasSize(1);
            } finally {
                blocking.release();
                slow.stop();
                fast.stop();
            }
        }
    }

    @Test
    void aKeyCommittedByAnotherServerForAnotherRequestIs422() throws Exception {
        try (StateStore real = Stores.memory()) {
            Loop loop = real.createLoop(NewLoop.of("idem", LoopType.SPEC));
            String path = "/api/v1/loops/" + loop.id() + "/feedback";
            BlockingStore blocking = new BlockingStore(real, "addFeedback");
            StatekeeperServer slow = StatekeeperServer.create(blocking.store, Stores.server());
            StatekeeperServer fast = StatekeeperServer.create(real, Stores.server());
            try {
                CompletableFuture<Http.Response> late = new Http(slow.start()).sendAsync("POST", path,
                        FEEDBACK.replace("50", "51"), "Idempotency-Key", "race");
                assertThat(blocking.entered.await(30, TimeUnit.SECONDS)).isTrue();
                assertThat(new Http(fast.start()).post(path, FEEDBACK, "Idempotency-Key", "race").status()).isEqualTo(201);
                blocking.release();
                Http.Response answer = late.get(30, TimeUnit.SECONDS);
                assertThat(answer.status()).isEqualTo(422);
                assertThat(answer.code()).isEqualTo("idempotency-key-reused");
                assertThat(real.getLoop(loop.id()).feedback()).hasSize(1);
                assertThat(real.getLoop(loop.id()).feedback().getFirst().overallScore()).isEqualTo(50);
            } finally {
                blocking.release();
                slow.stop();
                fast.stop();
            }
        }
    }

    @Test
    void aWriteWhoseResponseWasNotKeptIs409NamingWhenItWasApplied() throws Exception {
        try (StateStore store = Stores.memory()) {
            // a write committed with the key by a server that stopped before it kept the response
            Origin.of(Via.HTTP, null).withRequestKey("lost", fingerprint("POST", "/api/v1/loops", LOOP))
                    .call(() -> store.createLoop(NewLoop.of("idem", LoopType.SPEC)));
            StatekeeperServer server = StatekeeperServer.create(store, Stores.server());
            try {
                Http.Response retry = new Http(server.start()).post("/api/v1/loops", LOOP, "Idempotency-Key", "lost");
                assertThat(retry.status()).isEqualTo(409);
                assertThat(retry.code()).isEqualTo("idempotency-response-dropped");
                assertThat(retry.message()).matches("the request with Idempotency-Key 'lost' was applied at \\S+Z, but "
                        + "its response was not kept \\(the server that answered it stopped first, or is still "
                        + "answering\\), so read the record instead of repeating the write");
                assertThat(store.events().lastSequence()).isEqualTo(1);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aResponseLargerThanTheLimitIsNotKeptAndItsRetryIs409NotReapplied() {
        try (StateStore store = Stores.memory()) {
            StatekeeperServer server = StatekeeperServer.create(store, Stores.server(Setting.IDEMPOTENCY_MAX_BYTES, "1024"));
            try {
                Http http = new Http(server.start());
                String body = "{\"title\": \"huge\", \"objectives\": \"" + "o".repeat(2000) + "\"}";
                Http.Response created = http.post("/api/v1/projects/big/specs", body, "Idempotency-Key", "huge");
                assertThat(created.status()).isEqualTo(201);
                Http.Response retry = http.post("/api/v1/projects/big/specs", body, "Idempotency-Key", "huge");
                assertThat(retry.status()).isEqualTo(409);
                assertThat(retry.code()).isEqualTo("idempotency-response-dropped");
                assertThat(retry.message()).matches("the request with Idempotency-Key 'huge' was applied at \\S+ "
                        + "\\(status 201\\); its response of " + created.text().getBytes(StandardCharsets.UTF_8).length
                        + " bytes was not kept \\(STATEKEEPER_IDEMPOTENCY_MAX_BYTES\\), so read the record at "
                        + "/api/v1/projects/big/specs/huge instead of repeating the write");
                assertThat(retry.header("Location")).isEqualTo("/api/v1/projects/big/specs/huge");
                assertThat(store.getSpec("big", "huge").version()).as("not applied again").isEqualTo(1);
                assertThat(store.listSpecs(SpecQuery.of("big")).total()).isEqualTo(1);
                assertThat(store.events().read(EventQuery.all()).events()).hasSize(1);
            } finally {
                server.stop();
            }
        }
    }

    private static String fingerprint(String method, String path, String body) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((method + " " + path + "?\n").getBytes(StandardCharsets.UTF_8));
        sha.update(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }
}
