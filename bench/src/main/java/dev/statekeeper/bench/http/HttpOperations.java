package dev.statekeeper.bench.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The operations over HTTP, on one JDK HttpClient (HTTP/1.1, keep-alive: each client thread ends up with a
 * connection of its own in the client's pool). Each reads the whole response body; a status other than the
 * route's success status throws, with the status and body in the message.
 */
final class HttpOperations {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final String loops;
    private final Workload workload;

    HttpOperations(HttpClient client, int port, Workload workload) {
        this.client = client;
        this.loops = "http://127.0.0.1:" + port + "/api/v1/loops/";
        this.workload = workload;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    Operation of(Op op) {
        return switch (op) {
            case GET_LOOP -> () -> send(HttpRequest.newBuilder(URI.create(loops + workload.randomLoop()))
                    .timeout(TIMEOUT).GET().build(), 200);
            case ADD_FEEDBACK -> () -> send(HttpRequest.newBuilder(
                            URI.create(loops + workload.randomLoop() + "/feedback"))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Workload.feedbackJson(Workload.randomScore())))
                    .build(), 201);
        };
    }

    private void send(HttpRequest request, int expected) throws Exception {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + " (expected " + expected + "): "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
    }
}
