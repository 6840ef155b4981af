package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** stop(): new connections are refused at once, the request in flight still gets its answer. */
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void aRequestInFlightCompletesAfterStopWhileNewConnectionsAreRefused() throws Exception {
        try (StateStore real = Stores.sqlite(dir)) {
            Loop loop = real.createLoop(NewLoop.of("shutdown", LoopType.SPEC));
            BlockingStore blocking = new BlockingStore(real, "getLoop");
            StatekeeperServer server = StatekeeperServer.create(blocking.store, Stores.server(Setting.SHUTDOWN_TIMEOUT, "30"));
            int port = server.start();

            CompletableFuture<Http.Response> inFlight = new Http(port).sendAsync("GET", "/api/v1/loops/" + loop.id(), null);
            assertThat(blocking.entered.await(30, TimeUnit.SECONDS)).as("the request reached the store").isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);

            awaitRefused(port);
            assertThat(inFlight).isNotDone();
            assertThat(stopping).as("stop waits for the request in flight").isNotDone();

            blocking.release();
            Http.Response answer = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("id").asText()).isEqualTo(loop.id());
            stopping.get(30, TimeUnit.SECONDS);
            server.awaitShutdown();
            assertThat(real.getLoop(loop.id()).id()).as("the store is still open for its owner").isEqualTo(loop.id());
        }
    }

    /** Tries new connections until one is refused (within 30 s). */
    private static void awaitRefused(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw new AssertionError("the server still accepted connections 30 s after stop()");
    }
}
