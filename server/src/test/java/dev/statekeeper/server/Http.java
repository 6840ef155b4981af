package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.statekeeper.core.internal.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A real HTTP/1.1 client of a server on this machine: builds requests, sends them, parses JSON answers. */
final class Http {
    record Response(int status, java.net.http.HttpHeaders headers, String text) {
        JsonNode json() {
            try {
                return text.isEmpty() ? MissingNode.getInstance() : Json.mapper().readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + text, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The error code of an error body. */
        String code() {
            return json().path("code").asText();
        }

        String message() {
            return json().path("message").asText();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final List<String> defaultHeaders = new ArrayList<>();

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A header sent with every request of this client (e.g. Authorization). */
    Http with(String name, String value) {
        defaultHeaders.add(name);
        defaultHeaders.add(value);
        return this;
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    Response post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    Response put(String path, String json, String... headers) {
        return send("PUT", path, json, headers);
    }

    Response patch(String path, String json, String... headers) {
        return send("PATCH", path, json, headers);
    }

    Response send(String method, String path, String json, String... headers) {
        try {
            return sendAsync(method, path, json, headers).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * A GET of the path exactly as written, over a plain socket: for paths {@link java.net.URI} refuses to send
     * (bad percent-encoding). Reads the whole answer (the connection is closed after it).
     */
    static Response rawGet(int port, String path) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            String[] head = answer.substring(0, headEnd).split("\r\n");
            java.util.Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.computeIfAbsent(head[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(head[i].substring(colon + 1).trim());
            }
            return new Response(Integer.parseInt(head[0].split(" ")[1]),
                    java.net.http.HttpHeaders.of(headers, (a, b) -> true), answer.substring(headEnd + 4));
        }
    }

    /** Sends the bytes as they are (with Content-Type: application/json unless the headers name another type). */
    Response sendBytes(String method, String path, byte[] body, String... headers) {
        return sendAsync(method, path, HttpRequest.BodyPublishers.ofByteArray(body), true, headers).join();
    }

    /** Sends a JSON body (with Content-Type: application/json unless the headers name another type). */
    CompletableFuture<Response> sendAsync(String method, String path, String json, String... headers) {
        return sendAsync(method, path, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json), json != null, headers);
    }

    private CompletableFuture<Response> sendAsync(String method, String path, HttpRequest.BodyPublisher body,
                                                  boolean hasBody, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body);
        boolean typed = false;
        List<String> all = new ArrayList<>(defaultHeaders);
        all.addAll(List.of(headers));
        for (int i = 0; i < all.size(); i += 2) {
            request.header(all.get(i), all.get(i + 1));
            typed |= all.get(i).equalsIgnoreCase("Content-Type");
        }
        if (hasBody && !typed) {
            request.header("Content-Type", "application/json");
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()));
    }
}
