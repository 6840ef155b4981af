package dev.statekeeper.bench.http;

import dev.statekeeper.bench.Samples;
import dev.statekeeper.bench.doctor.Fixture;
import dev.statekeeper.bench.doctor.PgFixture;
import dev.statekeeper.bench.doctor.SqliteFixture;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.server.StatekeeperServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's server time on a large store (issue 17's goal: overview and loop pages under 200 ms at 100,000
 * loops): a store filled with N loops by plain SQL (one feedback entry each, as the doctor's benchmark fills it), plus
 * one loop with {@value #LONG_LOOP} feedback entries added through the store, served by {@code statekeeper serve}'s
 * server on port 0. Each fragment is fetched {@code runs} times after 5 warm-up fetches; the server's own
 * {@code Server-Timing: render} (the view, without the network) and the client's wall time are reported as median, p90
 * and max, with the bytes of the fragment, and the page weight (shell, script, stylesheet).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.statekeeper.bench.http.DashboardBench sqlite 100000 30</pre>
 */
public final class DashboardBench {
    static final int LONG_LOOP = 1_000;

    private DashboardBench() {
    }

    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "sqlite";
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        long filling = System.nanoTime();
        try (Fixture fixture = backend.equals("postgres") ? PgFixture.create(loops) : SqliteFixture.create(loops)) {
            Settings settings = fixture.settings().toBuilder().set(Setting.SERVER_PORT, "0").build();
            try (StateStore store = StateStores.open(settings)) {
                String longLoop = store.createLoop(NewLoop.of("bench", LoopType.SPEC)).id();
                for (int i = 0; i < LONG_LOOP; i++) {
                    store.addFeedback(longLoop, Samples.feedback(i));
                }
                System.out.printf(Locale.ROOT, "%s: %,d loops filled in %.1f s%n", backend, loops + 1,
                        (System.nanoTime() - filling) / 1e9);
                StatekeeperServer server = StatekeeperServer.create(store, settings);
                int port = server.start();
                try {
                    HttpClient http = HttpClient.newHttpClient();
                    String base = "http://127.0.0.1:" + port;
                    System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s %9s %9s %9s%n", "fragment", "render p50",
                            "p90", "max", "wall p50", "max", "bytes");
                    for (String path : List.of("/dashboard/fragment/overview", "/dashboard/fragment/loops",
                            "/dashboard/fragment/loops?project=project-7&status=in_progress",
                            "/dashboard/fragment/loops/00000001", "/dashboard/fragment/loops/" + longLoop,
                            "/dashboard/fragment/specs", "/dashboard/fragment/sessions")) {
                        measure(http, base, path, runs);
                    }
                    long weight = 0;
                    for (String path : List.of("/", "/dashboard/assets/app.js", "/dashboard/assets/app.css")) {
                        weight += get(http, base + path).body().length;
                    }
                    System.out.printf(Locale.ROOT, "page weight of the overview: %,d bytes (shell with its data, "
                            + "app.js, app.css; uncompressed)%n", weight);
                } finally {
                    server.stop();
                }
            }
        }
    }

    private static void measure(HttpClient http, String base, String path, int runs) throws Exception {
        for (int i = 0; i < 5; i++) {
            get(http, base + path);
        }
        double[] render = new double[runs];
        double[] wall = new double[runs];
        int bytes = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = get(http, base + path);
            wall[i] = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            String timing = response.headers().firstValue("Server-Timing").orElseThrow();
            render[i] = Double.parseDouble(timing.substring(timing.indexOf("dur=") + 4));
            bytes = response.body().length;
        }
        Arrays.sort(render);
        Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "%-44s %9.1f %9.1f %9.1f %9.1f %9.1f %,9d%n", shorten(path),
                render[runs / 2], render[runs * 9 / 10], render[runs - 1], wall[runs / 2], wall[runs - 1], bytes);
    }

    private static HttpResponse<byte[]> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String shorten(String path) {
        String p = path.replace("/dashboard/fragment", "");
        return p.length() > 44 ? p.substring(0, 41) + "..." : p;
    }
}
