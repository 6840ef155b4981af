package dev.statekeeper.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real client of a server-sent event stream: its lines are read on a thread of their own, as they come. */
final class Sse implements AutoCloseable {
    /** What {@link #line()} returns once the stream ended. */
    static final String END = "\u0000end";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;

    Sse(int port, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                    .build().send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // closed by the test, or the connection broke: the stream ended either way
            } finally {
                lines.add(END);
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next line (within 30 s), or {@link #END}. */
    String line() throws InterruptedException {
        String line = lines.poll(30, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no line within 30 s");
        }
        return line;
    }

    /** The next event's fields (id, event, data), comments skipped; empty once the stream ended. */
    Map<String, String> event() throws InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        while (true) {
            String line = line();
            if (line.equals(END)) {
                return fields;
            }
            if (line.isEmpty() && !fields.isEmpty()) {
                return fields;
            }
            if (line.isEmpty() || line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
    }

    /** Drops the connection, as a client that goes away does. */
    @Override
    public void close() {
        response.body().close();
    }
}
