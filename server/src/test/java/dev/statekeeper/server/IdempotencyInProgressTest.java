package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A retry that arrives while the first request with its key still runs is refused, never applied twice. */
class IdempotencyInProgressTest {
    @Test
    void aRetryDuringTheFirstRequestIs409AndAfterItAReplay() throws Exception {
        try (StateStore real = Stores.memory()) {
            Loop loop = real.createLoop(NewLoop.of("idem", LoopType.SPEC));
            BlockingStore blocking = new BlockingStore(real, "addFeedback");
            StatekeeperServer server = StatekeeperServer.create(blocking.store, Stores.server());
            Http http = new Http(server.start());
            try {
                String path = "/api/v1/loops/" + loop.id() + "/feedback";
                String body = "{\"criticAgent\": \"c\", \"iteration\": 1, \"overallScore\": 50, \"assessmentSummary\": \"s\"}";
                CompletableFuture<Http.Response> first = http.sendAsync("POST", path, body, "Idempotency-Key", "k-1");
                assertThat(blocking.entered.await(30, TimeUnit.SECONDS)).isTrue();

                Http.Response during = http.post(path, body, "Idempotency-Key", "k-1");
                assertThat(during.status()).isEqualTo(409);
                assertThat(during.code()).isEqualTo("idempotency-key-in-progress");

                blocking.release();
                assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
                Http.Response after = http.post(path, body, "Idempotency-Key", "k-1");
                assertThat(after.header("Idempotent-Replayed")).isEqualTo("true");
                assertThat(real.getLoop(loop.id()).feedback()).hasSize(1);
            } finally {
                blocking.release();
                server.stop();
            }
        }
    }
}
