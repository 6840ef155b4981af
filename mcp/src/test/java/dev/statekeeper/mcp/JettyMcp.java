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

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A SQLite store (or one of given settings) served by {@link StatekeeperMcp#httpServlet} on a bare Jetty servlet context (port 0), the
 * way the HTTP server mounts it, and an MCP Java SDK client connected to it over streamable HTTP.
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
}
