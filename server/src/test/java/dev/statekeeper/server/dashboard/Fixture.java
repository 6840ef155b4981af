package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.LoopRecord;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Real stores with real data for the dashboard's tests, and a plain HTTP client. */
final class Fixture {
    /** A project name that is a script: it must be shown, never run. */
    static final String SCRIPT_PROJECT = "<script>document.body.append(Object.assign(document.createElement('b'),"
            + "{id:'pwned'}))</script>";
    /** A critic's summary that tries an element with a handler. */
    static final String IMG_SUMMARY = "<img id=\"pwned-img\" src=\"x\" onerror=\"alert('xss')\">";
    static final int BIG = 10_000;
    static final int MANY = 60;

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Fixture() {
    }

    static StateStore sqlite(Path dir) {
        try {
            Path file = Files.createTempDirectory(dir, "store-").resolve("state.db");
            return StateStores.open(Settings.builder().set(Setting.BACKEND, "sqlite")
                    .set(Setting.DATABASE_URL, "sqlite:" + file).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StateStore memory() {
        return StateStores.open(Settings.builder().set(Setting.BACKEND, "memory").build());
    }

    /** Server settings: any free port, no scheduled doctor runs, the given token (or none). */
    static Settings server(String token) {
        Settings.Builder b = Settings.builder().set(Setting.SERVER_PORT, "0").set(Setting.DOCTOR_INTERVAL, "0");
        if (token != null) {
            b.set(Setting.API_TOKEN, token);
        }
        return b.build();
    }

    /** The ids of the loops {@link #seed} wrote. */
    record Seeded(String demo, String script, String big) {
    }

    /**
     * {@value #MANY} roadmap loops of project "many", a loop whose project and feedback are markup, a loop with
     * {@value #BIG} feedback entries (written in one go through the archive), then (newest) a spec loop "demo" with
     * five scored iterations and four decisions, in progress, and a session.
     */
    static Seeded seed(StateStore store) {
        for (int i = 0; i < MANY; i++) {
            store.createLoop(NewLoop.of("many", LoopType.ROADMAP));
        }
        Loop script = store.createLoop(NewLoop.of(SCRIPT_PROJECT, LoopType.PLAN));
        store.addFeedback(script.id(), feedback("<b>critic</b>", 40, IMG_SUMMARY, List.of("<script>alert(1)</script>"),
                List.of("\"quoted\" & 'single'")), null);
        String big = UUID.randomUUID().toString();
        List<CriticFeedback> entries = new ArrayList<>(BIG);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < BIG; i++) {
            entries.add(feedback("critic-" + (i % 7), 30 + (i * 60 / BIG), "entry " + (i + 1), List.of(), List.of())
                    .stored(1 + i / 50, start.plusSeconds(i)));
        }
        ArchiveLoader loader = store.archive().loader(LoadMode.MERGE);
        loader.accept(new LoopRecord(big, "big", LoopType.BUILD_CODE, LoopStatus.IN_PROGRESS, 89, BIG / 50,
                BIG + 1, start, start.plusSeconds(BIG), entries));
        loader.finish();
        Loop demo = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        int[] scores = {52, 64, 71, 79, 83};
        for (int i = 0; i < scores.length; i++) {
            store.addFeedback(demo.id(), feedback("spec-critic", scores[i], "Iteration scored " + scores[i],
                    List.of("issue at " + scores[i]), List.of("recommendation at " + scores[i])), null);
            if (i < scores.length - 1) {
                store.decide(demo.id(), null);
            }
        }
        store.startSession(new NewSession("session-one", "statekeeper", null, "main", "T-17", null));
        return new Seeded(demo.id(), script.id(), big);
    }

    static CriticFeedback feedback(String critic, int score, String summary, List<String> issues,
                                   List<String> recommendations) {
        return CriticFeedback.builder().criticAgent(critic).overallScore(score).assessmentSummary(summary)
                .keyIssues(issues).recommendations(recommendations).build();
    }

    static HttpResponse<String> get(int port, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.GET().build());
    }

    /** How often {@code part} occurs in {@code text}. */
    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** The page at {@code path} answers {@code status} with {@code detail} as its problem. */
    static void assertProblem(int port, String path, int status, String detail) {
        HttpResponse<String> r = get(port, path);
        assertThat(r.statusCode()).as(path).isEqualTo(status);
        assertThat(r.body()).as(path).contains("<p class=\"problem\" role=\"alert\">" + detail + "</p>");
    }

    static HttpResponse<String> post(int port, String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
