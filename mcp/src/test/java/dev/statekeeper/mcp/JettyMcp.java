package dev.statekeeper.mcp;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A SQLite store (or one of given settings) served by {@link StatekeeperMcp#httpServlet} on a bare Jetty servlet context (port 0), the
 * way the HTTP server mounts it, and an MCP Java SDK client connected to it over streamable HTTP. A test class that needs one for
 * all its tests registers {@link #perClass()} (or {@link #perClass(Map)}, {@link #memory()}) as a static extension.
 */
final class JettyMcp {
    final StateStore store;
    final Settings settings;
    final Server jetty;
    final McpSyncClient client;
    /** The servlet of {@link StatekeeperMcp#httpServlet}. */
    final HttpServlet servlet;

    JettyMcp(Path dataDir) throws Exception {
        this(dataDir, Map.of());
    }

    /** As {@link #JettyMcp(Path)}, with more settings. */
    JettyMcp(Path dataDir, Map<Setting, String> more) throws Exception {
        this(withMore(Settings.builder().set(Setting.BACKEND, "sqlite").set(Setting.DATA_DIR, dataDir.toString())
                .set(Setting.MAX_BODY_BYTES, "65536"), more));
    }

    private static Settings withMore(Settings.Builder builder, Map<Setting, String> more) {
        more.forEach(builder::set);
        return builder.build();
    }

    /** The store of {@code settings} (any backend), served the same way. */
    JettyMcp(Settings settings) throws Exception {
        this.settings = settings;
        store = StateStores.open(settings);
        jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        servlet = StatekeeperMcp.httpServlet(store, settings, java.time.Clock.systemUTC());
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, StatekeeperMcp.ENDPOINT);
        jetty.setHandler(context);
        jetty.start();
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder(baseUri()).endpoint(StatekeeperMcp.ENDPOINT)
                .build()).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
    }

    String baseUri() {
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    ToolClient tools() {
        return new ToolClient(client);
    }

    /** Closes the client, stops Jetty (which destroys the servlet) and closes the store. */
    void stop() throws Exception {
        try {
            client.close();
            jetty.stop();
        } finally {
            store.close();
        }
    }


    /** One served store for a test class, in a temporary data directory of its own: register it in a static field. */
    static PerClass perClass() {
        return perClass(Map.of());
    }

    /** As {@link #perClass()}, with more settings. */
    static PerClass perClass(Map<Setting, String> more) {
        return new PerClass(dir -> new JettyMcp(dir, more));
    }

    /** As {@link #perClass()}, on the memory store (which keeps the change history list_events and wait_for_loop read). */
    static PerClass memory() {
        return new PerClass(dir -> new JettyMcp(Settings.builder().set(Setting.BACKEND, "memory")
                .set(Setting.MAX_BODY_BYTES, "65536").build()));
    }

    /** How a {@link PerClass} opens its served store in its data directory. */
    @FunctionalInterface
    interface Opener {
        JettyMcp open(Path dir) throws Exception;
    }

    /**
     * A {@link JettyMcp} opened before a test class's {@code @BeforeAll} methods and stopped after its {@code @AfterAll} methods,
     * with the temporary data directory it was opened in (deleted after). Each test class holds its own instance: classes run in
     * parallel and share nothing.
     */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private final Opener opener;
        private Path dir;
        private JettyMcp mcp;
        private ToolClient tools;

        private PerClass(Opener opener) {
            this.opener = opener;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            dir = Files.createTempDirectory("statekeeper-mcp-");
            mcp = opener.open(dir);
            tools = mcp.tools();
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            try {
                if (mcp != null) {
                    mcp.stop();
                }
            } finally {
                delete(dir);
            }
        }

        private static void delete(Path dir) throws IOException {
            if (dir == null || !Files.exists(dir)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }

        /** The served store and its client. */
        JettyMcp mcp() {
            return mcp;
        }

        /** A tool client on {@link #mcp()}'s client. */
        ToolClient tools() {
            return tools;
        }

        /** The data directory the store was opened in. */
        Path dir() {
            return dir;
        }
    }
}
