package dev.statekeeper.mcp;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.domain.Labels;
import dev.statekeeper.core.internal.json.Json;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult.CompleteCompletion;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's records as MCP resources, read with {@code resources/read}: a loop, a spec and its revisions, a
 * roadmap, a plan, a session, each at a {@code statekeeper://} URI of a template ({@code resources/templates/list}),
 * and the active loops as a listed resource. Two prompts for the seeds' workflows (refining a spec with a critic,
 * resuming work), and completions of project names for both. Reading never writes; a record that is not there is
 * the protocol's "resource not found" (-32002).
 *
 * <p>A client may subscribe to any of these URIs ({@link ResourceUpdates}). {@code resources/list} is not paged: it
 * lists the one index resource, whatever the store holds.
 */
final class McpResources {
    static final String SCHEME = "statekeeper://";
    static final String ACTIVE_LOOPS = SCHEME + "loops";
    private static final String JSON = "application/json";
    private static final String SEGMENT = "([^/?#]{1,512})";
    private static final int MAX_COMPLETIONS = 100;

    private McpResources() {
    }

    /** A template, the pattern its URIs match, and how a match is read from the store. */
    private record Template(ResourceTemplate template, Pattern pattern, Function<List<String>, Object> read) {
    }

    private static List<Template> templates(StateStore store) {
        return List.of(
                template("statekeeper://loops/{id}", "loop", "A refinement loop: status, scores, decisions and its "
                        + "feedback", "loops/" + SEGMENT, v -> store.getLoop(v.get(0))),
                template("statekeeper://specs/{project}/{name}", "spec", "A technical spec, its newest revision",
                        "specs/" + SEGMENT + "/" + SEGMENT, v -> store.getSpec(v.get(0), v.get(1))),
                template("statekeeper://specs/{project}/{name}/revisions", "spec revisions",
                        "Every revision of a spec, oldest first", "specs/" + SEGMENT + "/" + SEGMENT + "/revisions",
                        v -> store.specHistory(v.get(0), v.get(1))),
                template("statekeeper://roadmaps/{project}", "roadmap", "A project's roadmap",
                        "roadmaps/" + SEGMENT, v -> store.getRoadmap(v.get(0))),
                template("statekeeper://plans/{project}", "plan", "A project's plan", "plans/" + SEGMENT,
                        v -> store.getPlan(v.get(0))),
                template("statekeeper://sessions/{name}", "session", "A work session", "sessions/" + SEGMENT,
                        v -> store.getSession(v.get(0))));
    }

    private static Template template(String uriTemplate, String name, String description, String path,
                                     Function<List<String>, Object> read) {
        ResourceTemplate template = ResourceTemplate.builder(uriTemplate, name).title(name)
                .description(description).mimeType(JSON).build();
        return new Template(template, Pattern.compile(Pattern.quote(SCHEME) + path), read);
    }

    static List<SyncResourceTemplateSpecification> templateSpecifications(StateStore store) {
        return templates(store).stream().map(t -> new SyncResourceTemplateSpecification(t.template(),
                (exchange, request) -> read(request.uri(), t))).toList();
    }

    static List<SyncResourceSpecification> resourceSpecifications(StateStore store) {
        Resource active = Resource.builder(ACTIVE_LOOPS, "active loops").title("Active loops")
                .description("The loops not yet completed, newest first: id, project, type, status, score")
                .mimeType(JSON).build();
        return List.of(new SyncResourceSpecification(active, (exchange, request) ->
                contents(ACTIVE_LOOPS, store.activeLoops())));
    }

    /**
     * Checks that a URI names a record there is (a subscription's): the listed resource, or a template's URI whose
     * record the store has.
     *
     * @throws McpError resource not found (-32002) otherwise, as {@code resources/read} answers
     */
    static void requireReadable(StateStore store, String uri) {
        if (ACTIVE_LOOPS.equals(uri)) {
            return;
        }
        for (Template template : templates(store)) {
            if (template.pattern().matcher(uri).matches()) {
                read(uri, template);
                return;
            }
        }
        throw McpError.RESOURCE_NOT_FOUND.apply(uri);
    }

    private static ReadResourceResult read(String uri, Template template) {
        Matcher match = template.pattern().matcher(uri == null ? "" : uri);
        if (!match.matches()) {
            throw McpError.RESOURCE_NOT_FOUND.apply(uri);
        }
        List<String> values = new java.util.ArrayList<>();
        for (int i = 1; i <= match.groupCount(); i++) {
            values.add(URLDecoder.decode(match.group(i), StandardCharsets.UTF_8));
        }
        try {
            return contents(uri, template.read().apply(values));
        } catch (StatekeeperException e) {
            if (e.code().httpStatus() == 404) {
                throw McpError.RESOURCE_NOT_FOUND.apply(uri);
            }
            throw McpError.builder(-32603).message(e.code().wire() + ": " + e.getMessage()).build();
        } catch (IllegalArgumentException e) {
            throw McpError.RESOURCE_NOT_FOUND.apply(uri); // a value that cannot name a record (decoding, rules)
        }
    }

    private static ReadResourceResult contents(String uri, Object value) {
        return ReadResourceResult.builder(List.of(TextResourceContents.builder(uri, Json.write(value)).mimeType(JSON)
                .build())).build();
    }

    static List<SyncPromptSpecification> prompts(StateStore store) {
        Prompt refine = Prompt.builder("refine_spec_with_critic").title("Refine a spec with a critic")
                .description("Run a refinement loop on a spec: critic feedback, a decision, repeat until the "
                        + "threshold")
                .arguments(List.of(PromptArgument.builder("project").description("the project").required(true).build(),
                        PromptArgument.builder("spec").description("the spec's name (a part of it will do)")
                                .required(true).build()))
                .build();
        Prompt resume = Prompt.builder("resume_my_work").title("Resume my work")
                .description("What was left open: the active loops and the sessions in progress")
                .arguments(List.of()).build();
        return List.of(
                new SyncPromptSpecification(refine, (exchange, request) -> {
                    Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
                    String project = text(args.get("project"));
                    String spec = text(args.get("spec"));
                    return message("Refine spec '" + spec + "' of project '" + project + "'",
                            refineSteps(project, spec));
                }),
                new SyncPromptSpecification(resume, (exchange, request) -> message("Resume my work",
                        resumeText(store))));
    }

    private static GetPromptResult message(String description, String text) {
        return GetPromptResult.builder(List.of(PromptMessage.builder(Role.USER, TextContent.builder(text).build())
                .build())).description(description).build();
    }

    private static String refineSteps(String project, String spec) {
        return "Refine the spec '" + spec + "' of project '" + project + "' with a critic, using Statekeeper's tools:\n"
                + "1. call resolve_spec with project=" + project + " and name=" + spec + " to find the spec, and "
                + "get_spec to read it;\n"
                + "2. call initialize_refinement_loop with project=" + project + " and type=spec, then "
                + "link_loop_to_spec with the loop id;\n"
                + "3. act as the critic: review the spec and call store_critic_feedback with the loop id, your "
                + "score (0-100), a summary, key issues and recommendations;\n"
                + "4. call decide_loop_next_action with the loop id and follow it: refine the spec (update_spec; "
                + "the frozen fields cannot change), ask the user when it says user_input, stop when it says "
                + "completed;\n"
                + "5. repeat from 3. get_loop_status shows the scores so far.";
    }

    private static String resumeText(StateStore store) {
        List<LoopSummary> loops = store.activeLoops();
        StringBuilder text = new StringBuilder("Resume the work left open in Statekeeper.\n");
        if (loops.isEmpty()) {
            text.append("No loop is active.\n");
        } else {
            text.append("Active loops (read one with get_loop_status, or the resource statekeeper://loops/ID):\n");
            for (LoopSummary loop : loops.subList(0, Math.min(loops.size(), 50))) {
                text.append("- ").append(loop.id()).append(": project ").append(loop.project()).append(", ")
                        .append(loop.type().wire()).append(", ").append(loop.status().wire()).append('\n');
            }
        }
        text.append("Sessions in progress: call list_sessions with status=active.");
        return text.toString();
    }

    static List<SyncCompletionSpecification> completions(StateStore store) {
        return List.of(new SyncCompletionSpecification(new PromptReference("refine_spec_with_critic"),
                (exchange, request) -> {
                    String prefix = request.argument() == null || request.argument().value() == null ? ""
                            : request.argument().value();
                    if (request.argument() == null || !"project".equals(request.argument().name())) {
                        return new CompleteResult(new CompleteCompletion(List.of(), 0, false));
                    }
                    TreeSet<String> projects = new TreeSet<>();
                    for (LoopSummary loop : store.activeLoops()) {
                        if (loop.project().startsWith(prefix)) {
                            projects.add(loop.project());
                        }
                    }
                    List<String> values = projects.stream().limit(MAX_COMPLETIONS).toList();
                    return new CompleteResult(new CompleteCompletion(values, projects.size(),
                            projects.size() > values.size()));
                }));
    }

    private static String text(Object value) {
        return Labels.printable(value == null ? "" : value.toString(), 200);
    }
}
