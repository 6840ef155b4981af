package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.server.dashboard.Dashboard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code GET /openapi.json} from a running server: every route Javalin registered under /api/v1 is in it with its
 * method, its schemas resolve, errors are problems, and Redocly's linter (from npm, pinned by
 * src/test/node/package-lock.json, installed by {@link NodePackages}) finds no error in it.
 */
class OpenApiTest {
    private static final String TOKEN = "openapi-test-token-0123456789abcdef";

    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static Http anonymous;

    @BeforeAll
    static void start() {
        store = Stores.sqlite(dir);
        server = StatekeeperServer.create(store, Stores.server(Setting.API_TOKEN, TOKEN));
        anonymous = new Http(server.start());
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    @Test
    void everyRegisteredRouteIsInTheDocumentServedWithoutTheToken() {
        Http.Response r = anonymous.get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");

        List<String> api = server.endpoints().stream().filter(e -> e.contains(" " + Api.BASE + "/"))
                .filter(e -> e.matches("(GET|POST|PUT|PATCH|DELETE) .*")).toList();
        assertThat(api).hasSizeGreaterThan(30);
        for (String endpoint : api) {
            String[] parts = endpoint.split(" ", 2);
            JsonNode operation = doc.path("paths").path(OpenApi.openApiPath(parts[1]))
                    .path(parts[0].toLowerCase(Locale.ROOT));
            assertThat(operation.isObject()).as(endpoint).isTrue();
            assertThat(operation.at("/responses/default/$ref").asText()).as(endpoint)
                    .isEqualTo("#/components/responses/Problem");
        }
        // the dashboard's pages, fragments and assets are HTML, CSS and script for a browser, not the JSON API: they
        // are registered beside it (not through Api) and left out of the document on purpose
        List<String> dashboard = server.endpoints().stream()
                .filter(e -> e.equals("GET /") || e.contains(" " + Dashboard.BASE + "/")).toList();
        assertThat(dashboard).contains("GET /", "GET /dashboard/loops/{id}", "GET /dashboard/fragment/loops/{id}");
        assertThat(doc.get("paths").fieldNames()).toIterable().noneMatch(p -> p.equals("/") || p.startsWith(Dashboard.BASE));
        long operations = 0;
        for (JsonNode item : doc.get("paths")) {
            operations += item.size();
        }
        assertThat(operations).as("no operation that is not routed").isEqualTo(api.size());
    }

    @Test
    void parametersBodiesAndResponsesComeFromTheRoutesAndRecords() {
        JsonNode doc = anonymous.get("/openapi.json").json();
        JsonNode list = doc.at("/paths/~1api~1v1~1loops/get");
        assertThat(list.get("parameters").toString()).contains(
                "{\"name\":\"limit\",\"in\":\"query\",\"required\":false,\"schema\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000}}",
                "{\"name\":\"status\",\"in\":\"query\",\"required\":false,\"schema\":{\"type\":\"string\",\"enum\":[\"initialized\",\"in_progress\",\"completed\",\"user_input\",\"refine\"]}}");
        assertThat(list.at("/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/PageLoopSummary");
        assertThat(list.at("/responses/200/headers/Link/schema/type").asText()).isEqualTo("string");
        assertThat(doc.at("/paths/~1api~1v1~1loops~1{id}/get/responses/200/headers").fieldNames())
                .toIterable().as("the long poll's header, no Link").containsExactly("Statekeeper-Wait");
        assertThat(doc.at("/paths/~1api~1v1~1events/get/responses/200/headers/Link/schema/type").asText())
                .isEqualTo("string");
        assertThat(doc.at("/paths/~1api~1v1~1events~1stream/get/responses/200/content").fieldNames())
                .toIterable().containsExactly("text/event-stream");
        assertThat(doc.at("/paths/~1api~1v1~1events~1stream/get/responses/503/$ref").asText())
                .isEqualTo("#/components/responses/Problem");
        assertThat(doc.at("/components/schemas/PageLoopSummary/properties/items/items/$ref").asText())
                .isEqualTo("#/components/schemas/LoopSummary");
        JsonNode feedback = doc.at("/paths/~1api~1v1~1loops~1{id}~1feedback/post");
        assertThat(feedback.at("/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/CriticFeedback");
        assertThat(feedback.at("/responses/201").isObject()).isTrue();
        assertThat(feedback.at("/responses/412/$ref").asText()).isEqualTo("#/components/responses/Problem");
        assertThat(doc.at("/components/responses/Problem/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(doc.at("/paths/~1api~1v1~1sessions~1{name}/get/parameters/0/description").asText())
                .isEqualTo("may hold '/', sent as it is");
        assertThat(doc.at("/paths/~1api~1v1~1loops~1{id}/delete/responses/204").isObject()).isTrue();
        doc.findValues("$ref").forEach(ref -> assertThat(doc.at(ref.asText().substring(1))
                .isMissingNode()).as(ref.asText()).isFalse());
    }

    @Test
    void aHostileRequestForTheDocumentIsRefusedOrIgnored() {
        Http.Response query = anonymous.get("/openapi.json?x=" + "y".repeat(5000));
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(query.json().get("detail").asText())
                .isEqualTo("invalid query: unknown query parameter \"x\" (known: none)");
        Http.Response html = anonymous.get("/openapi.json", "Accept", "text/html;q=nonsense, image/*;;;");
        assertThat(html.status()).as("Accept is not consulted").isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("application/json");
        Http.Response control = anonymous.get("/openapi.json%01");
        assertThat(control.status()).isIn(400, 404);
        assertThat(control.text()).doesNotContain("\u0001");
        assertThat(anonymous.send("POST", "/openapi.json", "{}").status()).isEqualTo(405);
    }

    @Test
    void redoclyFindsNoErrorInTheDocument() throws Exception {
        assumeTrue(NodePackages.install("@redocly/cli"), "skipped: the OpenAPI lint needs node and npm on the PATH");
        Files.writeString(NodePackages.DIR.resolve("openapi.json"), anonymous.get("/openapi.json").text());
        String out = NodePackages.run(List.of(NodePackages.node().orElseThrow().toString(),
                "node_modules/@redocly/cli/bin/cli.js", "lint", "--format", "stylish", "openapi.json"), "lint", 300);
        assertThat(out).contains("Your API description is valid").doesNotContainPattern("You have \\d+ warning");
    }
}
