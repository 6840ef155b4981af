package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's main scenarios over HTTP, on a real server on a free port and a real store; each backend runs
 * them by naming its store. Every test works in a project of its own, so one server serves the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpApiContract {
    private StateStore store;
    private StatekeeperServer server;
    Http http;

    protected abstract StateStore openStore();

    @BeforeAll
    void start() {
        store = openStore();
        server = StatekeeperServer.create(store, Stores.server());
        http = new Http(server.start());
    }

    @AfterAll
    void stop() {
        server.stop();
        store.close();
    }

    static String project() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aLoopIsCreatedGivenFeedbackDecidedAndDeleted() {
        String project = project();
        Http.Response created = http.post("/api/v1/loops", "{\"project\": \"" + project + "\", \"type\": \"spec\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/v1/loops/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.json().get("status").asText()).isEqualTo("initialized");
        assertThat(created.json().get("createdAt").asText()).as("ISO-8601, as the CLI prints it")
                .matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");

        Http.Response feedback = http.post("/api/v1/loops/" + id + "/feedback", """
                {"criticAgent": "spec-critic", "overallScore": 72, "assessmentSummary": "Solid start",
                 "keyIssues": ["no error model"], "recommendations": ["add error codes"]}""");
        assertThat(feedback.status()).isEqualTo(201);
        assertThat(feedback.json().get("status").asText()).isEqualTo("in_progress");
        assertThat(feedback.json().get("feedbackCount").asInt()).isEqualTo(1);
        assertThat(feedback.header("ETag")).isEqualTo("\"" + feedback.json().get("version").asLong() + "\"");

        JsonNode refine = http.post("/api/v1/loops/" + id + "/decide", null).json();
        assertThat(refine.get("status").asText()).isEqualTo("refine");
        assertThat(refine.get("iteration").asInt()).isEqualTo(2);
        assertThat(refine.get("threshold").asInt()).isEqualTo(85);

        http.post("/api/v1/loops/" + id + "/feedback", "{\"criticAgent\": \"c\", \"overallScore\": 90, "
                + "\"assessmentSummary\": \"good\"}");
        assertThat(http.post("/api/v1/loops/" + id + "/decide", null).json().get("status").asText()).isEqualTo("completed");

        Http.Response loop = http.get("/api/v1/loops/" + id);
        assertThat(loop.status()).isEqualTo(200);
        assertThat(loop.json().get("scoreHistory").toString()).isEqualTo("[72,90]");
        assertThat(loop.json().get("feedback").get(1).get("iteration").asInt()).as("the loop's iteration by default")
                .isEqualTo(2);
        assertThat(loop.header("ETag")).isEqualTo("\"" + loop.json().get("version").asLong() + "\"");

        assertThat(http.delete("/api/v1/loops/" + id).status()).isEqualTo(204);
        Http.Response gone = http.get("/api/v1/loops/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("loop-not-found");
        assertThat(gone.message()).isEqualTo("loop '" + id + "' not found");
    }

    @Test
    void loopsAreListedWithFiltersAndPagingAndTheActiveHistory() {
        String project = project();
        for (String type : new String[]{"spec", "plan", "spec"}) {
            http.post("/api/v1/loops", "{\"project\": \"" + project + "\", \"type\": \"" + type + "\"}");
        }
        JsonNode specs = http.get("/api/v1/loops?project=" + project + "&type=spec&limit=1").json();
        assertThat(specs.get("total").asLong()).isEqualTo(2);
        assertThat(specs.get("items")).hasSize(1);
        assertThat(specs.get("limit").asInt()).isEqualTo(1);
        JsonNode second = http.get("/api/v1/loops?project=" + project + "&type=spec&limit=1&offset=1").json();
        assertThat(second.get("items").get(0).get("id").asText()).isNotEqualTo(specs.get("items").get(0).get("id").asText());
        assertThat(http.get("/api/v1/loops?project=" + project + "&status=completed").json().get("total").asLong()).isZero();

        JsonNode active = http.get("/api/v1/active-loops").json().get("items");
        assertThat(active.size()).isPositive();
        assertThat(active.get(0).has("feedbackCount")).isTrue();
    }

    @Test
    void objectiveFeedbackIsStoredAndRead() {
        String id = http.post("/api/v1/loops", "{\"project\": \"" + project() + "\", \"type\": \"plan\"}").json().get("id").asText();
        Http.Response missing = http.get("/api/v1/loops/" + id + "/objective");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("objective-feedback-not-found");

        Http.Response put = http.put("/api/v1/loops/" + id + "/objective", "{\"text\": \"Ship the auth spec by Friday\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/loops/" + id + "/objective").json().get("text").asText())
                .isEqualTo("Ship the auth spec by Friday");
    }

    @Test
    void specsKeepFrozenFieldsRevisionsAndResolveByPartialName() {
        String project = project();
        String base = "/api/v1/projects/" + project + "/specs";
        Http.Response first = http.post(base, "{\"title\": \"User Auth\", \"objectives\": \"Log users in\", \"scope\": \"web\"}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo(base + "/user-auth");
        assertThat(first.json().get("name").asText()).isEqualTo("user-auth");
        assertThat(first.json().get("content").get("status").asText()).isEqualTo("draft");

        Http.Response frozen = http.patch(base + "/user-auth", "{\"objectives\": \"Something else\"}");
        assertThat(frozen.status()).isEqualTo(409);
        assertThat(frozen.code()).isEqualTo("frozen-field");
        assertThat(frozen.json().get("details").get("violations").get(0).get("field").asText()).isEqualTo("objectives");

        Http.Response updated = http.patch(base + "/user-auth", "{\"architecture\": \"OAuth device flow\", \"status\": \"in-review\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);
        assertThat(updated.json().get("content").get("objectives").asText()).isEqualTo("Log users in");
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");

        Http.Response again = http.post(base, "{\"title\": \"User Auth\", \"successCriteria\": \"logins work\"}");
        assertThat(again.status()).as("a put of an existing title is a new revision").isEqualTo(200);
        assertThat(http.get(base + "/user-auth/revisions").json().get("items")).hasSize(3);

        http.post(base, "{\"title\": \"Billing Service\"}");
        assertThat(http.get(base + "?limit=10").json().get("total").asLong()).isEqualTo(2);
        assertThat(http.get(base + "?status=in-review").json().get("items").get(0).get("name").asText()).isEqualTo("user-auth");
        assertThat(http.get("/api/v1/projects/" + project + "/resolved-spec?name=auth").json().get("name").asText())
                .isEqualTo("user-auth");
        http.post(base, "{\"title\": \"User Profile\"}");
        Http.Response ambiguous = http.get("/api/v1/projects/" + project + "/resolved-spec?name=user");
        assertThat(ambiguous.status()).isEqualTo(409);
        assertThat(ambiguous.code()).isEqualTo("ambiguous-name");
        assertThat(ambiguous.json().get("details").get("candidates")).hasSize(2);

        assertThat(http.delete(base + "/billing-service").status()).isEqualTo(204);
        assertThat(http.get(base + "/billing-service").code()).isEqualTo("spec-not-found");
    }

    @Test
    void aLoopIsLinkedToASpecAndUnlinked() {
        String project = project();
        http.post("/api/v1/projects/" + project + "/specs", "{\"title\": \"Search\"}");
        String id = http.post("/api/v1/loops", "{\"project\": \"" + project + "\", \"type\": \"spec\"}").json().get("id").asText();

        Http.Response linked = http.put("/api/v1/loops/" + id + "/spec", "{\"project\": \"" + project + "\", \"name\": \"search\"}");
        assertThat(linked.status()).isEqualTo(200);
        assertThat(linked.json().get("name").asText()).isEqualTo("search");
        assertThat(http.get("/api/v1/loops/" + id + "/spec").json().get("project").asText()).isEqualTo(project);

        assertThat(http.delete("/api/v1/loops/" + id + "/spec").status()).isEqualTo(204);
        assertThat(http.get("/api/v1/loops/" + id + "/spec").code()).isEqualTo("link-not-found");
    }

    @Test
    void aRoadmapIsReadWithTheProjectsSpecs() {
        String project = project();
        assertThat(http.get("/api/v1/projects/" + project + "/roadmap").code()).isEqualTo("roadmap-not-found");
        http.post("/api/v1/projects/" + project + "/specs", "{\"title\": \"API\"}");
        Http.Response put = http.put("/api/v1/projects/" + project + "/roadmap", "{\"title\": \"Demo roadmap\", \"projectGoal\": \"v1 in Q3\"}");
        assertThat(put.status()).isEqualTo(200);

        JsonNode roadmap = http.get("/api/v1/projects/" + project + "/roadmap").json();
        assertThat(roadmap.get("content").get("projectGoal").asText()).isEqualTo("v1 in Q3");
        assertThat(roadmap.get("specs").get(0).get("name").asText()).isEqualTo("api");
        JsonNode second = http.put("/api/v1/projects/" + project + "/roadmap", "{\"status\": \"approved\"}").json();
        assertThat(second.get("version").asLong()).isEqualTo(2);
        assertThat(second.get("content").get("title").asText()).isEqualTo("Demo roadmap");
    }

    @Test
    void roadmapAndPlanWritesHonourIfMatch() {
        String project = project();
        String roadmap = "/api/v1/projects/" + project + "/roadmap";
        assertThat(http.put(roadmap, "{\"title\": \"R\"}", "If-Match", "\"1\"").status()).as("none yet").isEqualTo(412);
        assertThat(http.put(roadmap, "{\"title\": \"R\"}").header("ETag")).isEqualTo("\"1\"");
        assertThat(http.put(roadmap, "{\"status\": \"approved\"}", "If-Match", "\"1\"").header("ETag")).isEqualTo("\"2\"");
        Http.Response stale = http.put(roadmap, "{\"status\": \"blocked\"}", "If-Match", "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.message()).isEqualTo("roadmap of project '" + project + "' is at version 2, not 1");
        assertThat(http.get(roadmap).json().at("/content/status").asText()).isEqualTo("approved");

        String plan = "/api/v1/projects/" + project + "/plan";
        assertThat(http.put(plan, "{\"vision\": \"v\"}").header("ETag")).isEqualTo("\"1\"");
        assertThat(http.put(plan, "{\"vision\": \"w\"}", "If-Match", "W/\"1\"").status()).as("weak").isEqualTo(412);
        assertThat(http.put(plan, "{\"vision\": \"w\"}", "If-Match", "\"1\"").header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void plansAreStoredListedAndDeleted() {
        String project = project();
        Http.Response put = http.put("/api/v1/projects/" + project + "/plan", "{\"vision\": \"Agents that remember\", \"status\": \"active\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/projects/" + project + "/plan").json().get("content").get("vision").asText())
                .isEqualTo("Agents that remember");
        JsonNode plans = http.get("/api/v1/plans?status=active&limit=1000").json();
        assertThat(plans.get("items").findValuesAsText("project")).contains(project);

        assertThat(http.delete("/api/v1/projects/" + project + "/plan").status()).isEqualTo(204);
        assertThat(http.get("/api/v1/projects/" + project + "/plan").code()).isEqualTo("plan-not-found");
    }

    @Test
    void sessionsStartEndListAndClean() {
        String repo = project();
        String name = "fix/login-" + repo;
        Http.Response started = http.post("/api/v1/sessions", "{\"name\": \"" + name + "\", \"repoName\": \"" + repo
                + "\", \"branch\": \"fix/login\", \"taskId\": \"42\", \"metadata\": {\"agent\": \"claude\"}}");
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.header("Location")).isEqualTo("/api/v1/sessions/" + name);
        assertThat(http.post("/api/v1/sessions", "{\"name\": \"" + name + "\"}").code()).isEqualTo("duplicate");

        assertThat(http.get("/api/v1/sessions/" + name).json().get("metadata").get("agent").asText()).isEqualTo("claude");
        assertThat(http.get("/api/v1/sessions?repoName=" + repo + "&status=active").json().get("total").asLong()).isEqualTo(1);

        Http.Response ended = http.post("/api/v1/sessions/" + name + "/end", null);
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.json().get("status").asText()).isEqualTo("ended");

        JsonNode dryRun = http.post("/api/v1/sessions/clean", "{\"olderThan\": \"0s\", \"dryRun\": true}").json();
        assertThat(dryRun.get("sessions").findValuesAsText("")).isEmpty();
        assertThat(dryRun.get("sessions").toString()).contains(name);
        assertThat(http.get("/api/v1/sessions/" + name).status()).isEqualTo(200);
        http.post("/api/v1/sessions/clean", "{\"olderThan\": \"0s\"}");
        assertThat(http.get("/api/v1/sessions/" + name).code()).isEqualTo("session-not-found");
    }

    @Test
    void twoClientsCannotOverwriteEachOtherThroughIfMatch() {
        String id = http.post("/api/v1/loops", "{\"project\": \"" + project() + "\", \"type\": \"spec\"}").json().get("id").asText();
        Http alice = http;
        Http bob = new Http(server.port());
        String aliceRead = alice.get("/api/v1/loops/" + id).header("ETag");
        String bobRead = bob.get("/api/v1/loops/" + id).header("ETag");
        assertThat(bobRead).isEqualTo(aliceRead).isEqualTo("\"1\"");
        String body = "{\"criticAgent\": \"c\", \"overallScore\": 60, \"assessmentSummary\": \"s\"}";

        Http.Response first = alice.post("/api/v1/loops/" + id + "/feedback", body, "If-Match", aliceRead);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("ETag")).isEqualTo("\"2\"");
        Http.Response stale = bob.post("/api/v1/loops/" + id + "/feedback", body, "If-Match", bobRead);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("stale-version");
        assertThat(stale.message()).isEqualTo("loop '" + id + "' is at version 2, not 1");
        assertThat(bob.post("/api/v1/loops/" + id + "/decide", null, "If-Match", bobRead).status()).isEqualTo(412);

        String reread = bob.get("/api/v1/loops/" + id).header("ETag");
        assertThat(bob.post("/api/v1/loops/" + id + "/feedback", body, "If-Match", reread).status()).isEqualTo(201);
        assertThat(http.get("/api/v1/loops/" + id).json().get("feedback")).hasSize(2);
    }

    @Test
    void aStaleSpecUpdateIsRefused() {
        String spec = "/api/v1/projects/" + project() + "/specs";
        http.post(spec, "{\"title\": \"Cache\"}");
        String etag = http.get(spec + "/cache").header("ETag");
        assertThat(http.patch(spec + "/cache", "{\"architecture\": \"LRU\"}", "If-Match", etag).status()).isEqualTo(200);
        Http.Response stale = http.patch(spec + "/cache", "{\"architecture\": \"LFU\"}", "If-Match", etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("stale-version");
        assertThat(http.get(spec + "/cache").json().get("content").get("architecture").asText()).isEqualTo("LRU");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyIsAppliedOnce() {
        String key = UUID.randomUUID().toString();
        String project = project();
        Http.Response created = http.post("/api/v1/loops", "{\"project\": \"" + project + "\", \"type\": \"spec\"}",
                "Idempotency-Key", key);
        Http.Response again = http.post("/api/v1/loops", "{\"project\": \"" + project + "\", \"type\": \"spec\"}",
                "Idempotency-Key", key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text()).isEqualTo(created.text());
        assertThat(again.header("Location")).isEqualTo(created.header("Location"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(http.get("/api/v1/loops?project=" + project).json().get("total").asLong()).isEqualTo(1);

        String id = created.json().get("id").asText();
        String body = "{\"criticAgent\": \"c\", \"overallScore\": 70, \"assessmentSummary\": \"s\"}";
        String feedbackKey = UUID.randomUUID().toString();
        Http.Response first = http.post("/api/v1/loops/" + id + "/feedback", body, "Idempotency-Key", feedbackKey);
        Http.Response retry = http.post("/api/v1/loops/" + id + "/feedback", body, "Idempotency-Key", feedbackKey);
        assertThat(retry.status()).isEqualTo(first.status()).isEqualTo(201);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(http.get("/api/v1/loops/" + id).json().get("feedback")).hasSize(1);

        Http.Response other = http.post("/api/v1/loops/" + id + "/feedback", body.replace("70", "71"), "Idempotency-Key", feedbackKey);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("idempotency-key-reused");
        assertThat(other.message()).isEqualTo("Idempotency-Key '" + feedbackKey + "' was already used for a different "
                + "request (another method, path or body); use a new key for a new request");
        assertThat(http.get("/api/v1/loops/" + id).json().get("feedback")).hasSize(1);
    }
}
