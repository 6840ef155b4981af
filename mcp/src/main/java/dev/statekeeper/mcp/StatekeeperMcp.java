package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.DoctorRuns;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ResourcesUpdatedNotification;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import jakarta.servlet.http.HttpServlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Properties;

/**
 * Statekeeper as an MCP server (official MCP Java SDK): every store operation an agent needs as a tool,
 * over stdio ({@code statekeeper mcp}) or streamable HTTP (a servlet the HTTP server mounts at {@link #ENDPOINT}).
 * Tool results are the CLI's {@code --json} output; tool errors carry the CLI's message and fix.
 */
public final class StatekeeperMcp {
    /** Where the HTTP server mounts {@link #httpServlet}. */
    public static final String ENDPOINT = "/mcp";

    static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

    private static final String INSTRUCTIONS = """
            Statekeeper keeps the state of agent workflows: refinement loops (initialize_refinement_loop, \
            store_critic_feedback, decide_loop_next_action), technical specs whose objectives, scope, \
            dependencies and deliverables freeze after the first version, one roadmap and one plan per project, \
            and work sessions; list_events reads the change history, wait_for_loop blocks until a loop changes;             run_doctor diagnoses the store itself. Results are the stored records as JSON; an error says what went wrong and how to \
            fix it.""";

    private StatekeeperMcp() {
    }

    /**
     * Serves MCP over this process's stdin and stdout until stdin closes. Stdout carries the protocol only:
     * while serving, {@code System.out} is pointed at stderr, where logging goes too. A message (a line) may be at
     * most STATEKEEPER_MAX_BODY_BYTES long.
     */
    public static void serveStdio(StateStore store, Settings settings) {
        PrintStream protocol = System.out;
        System.setOut(System.err);
        try {
            serveStdio(store, settings, System.in, protocol);
        } finally {
            System.setOut(protocol);
        }
    }

    /** Serves MCP over the given streams until {@code in} ends; answers still owed are written first. */
    public static void serveStdio(StateStore store, Settings settings, InputStream in, OutputStream out) {
        new StdioServer(store, DoctorRuns.serving(settings, Clock.systemUTC(), store), in, out,
                settings.integer(Setting.MAX_BODY_BYTES)).run();
    }

    /**
     * The streamable-HTTP transport as a servlet, serving the tools on {@code store}. Mount it at {@link #ENDPOINT};
     * requests larger than STATEKEEPER_MAX_BODY_BYTES and browser requests from any Origin (DNS rebinding) are
     * refused, every refusal as a small JSON-RPC error ({@link McpHttpErrors}), and sessions are bounded by
     * STATEKEEPER_MCP_SESSION_IDLE and STATEKEEPER_MCP_MAX_SESSIONS, measured on {@code clock}. Authentication is the
     * mounting server's job. Destroying the servlet closes the MCP sessions, not the store.
     */
    public static HttpServlet httpServlet(StateStore store, Settings settings, Clock clock) {
        return httpServlet(store, settings, clock, DoctorRuns.serving(settings, clock, store));
    }

    /**
     * As {@link #httpServlet(StateStore, Settings, Clock)}, with {@code run_doctor} running through {@code doctor}
     * (the HTTP server shares its runs between the API's {@code /doctor}, this tool and its scheduled checks).
     */
    public static HttpServlet httpServlet(StateStore store, Settings settings, Clock clock, DoctorRuns doctor) {
        HttpTransport transport = new HttpTransport(clock, settings.seconds(Setting.MCP_SESSION_IDLE),
                settings.integer(Setting.MCP_MAX_SESSIONS), settings.seconds(Setting.MCP_KEEPALIVE),
                settings.integer(Setting.MAX_BODY_BYTES));
        McpSyncServer server = start(McpServer.sync(transport), store, doctor);
        transport.screen(request -> ResourceUpdates.refusal(store, request));
        transport.closeWith(follow(server, store));
        return transport;
    }

    /** The sessions open now on a servlet made by {@link #httpServlet} (0 for any other servlet). */
    public static int openSessions(HttpServlet servlet) {
        return servlet instanceof HttpTransport transport ? transport.sessionCount() : 0;
    }

    /** The names of the tools, in the order tools/list gives them. */
    public static List<String> toolNames() {
        return Tools.ALL.stream().map(ToolDef::name).toList();
    }

    /** Statekeeper's version, as the server reports it in the MCP handshake. */
    public static String version() {
        try (InputStream in = StatekeeperMcp.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version of statekeeper-mcp", e);
        }
    }

    /**
     * Builds the server on a transport. Resources can be subscribed to ({@link ResourceUpdates}; {@link #follow} sends
     * the updates from the store's change history). Tool calls run on the thread that read them: a
     * servlet request thread over HTTP, so a long {@code wait_for_loop} holds only its own request and other
     * sessions' calls go on; over stdio the one reader thread, so it holds that client's later calls until it ends.
     */
    static McpSyncServer start(McpServer.SyncSpecification<?> spec, StateStore store, DoctorRuns doctor) {
        return spec.serverInfo("statekeeper", version())
                .instructions(INSTRUCTIONS)
                .capabilities(ServerCapabilities.builder().tools(false).resources(true, false)
                        .prompts(false).completions().build())
                .jsonMapper(JSON)
                // each call runs on the thread that read it (the stdio reader, the servlet's request thread)
                .immediateExecution(true)
                // arguments are checked by ToolArguments, whose messages name the field like the CLI and API
                .validateToolInputs(false)
                .tools(Tools.specifications(store, doctor))
                .resources(McpResources.resourceSpecifications(store))
                .resourceTemplates(McpResources.templateSpecifications(store))
                .prompts(McpResources.prompts(store))
                .completions(McpResources.completions(store))
                .build();
    }

    /**
     * Sends {@code notifications/resources/updated} to the sessions subscribed to a record's URI whenever the store
     * commits a change to it; close the result when the server stops.
     */
    static AutoCloseable follow(McpSyncServer server, StateStore store) {
        ResourceUpdates updates = ResourceUpdates.start(store,
                uri -> server.notifyResourcesUpdated(new ResourcesUpdatedNotification(uri)));
        return updates::close;
    }
}
