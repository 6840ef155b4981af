package dev.statekeeper.cli.serve;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.server.StatekeeperServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code statekeeper serve}: the HTTP API, health, metrics and MCP over the configured store until SIGTERM or
 * Ctrl-C, which stop it gracefully (requests in flight finish, then the store is closed).
 */
@Command(name = "serve", description = {
        "Serve the store over HTTP: the JSON API under /api/v1, /health/live, /health/ready, /metrics and MCP at /mcp.",
        "Listens on 127.0.0.1:7070 unless told otherwise; any other address needs STATEKEEPER_API_TOKEN.",
        "SIGTERM or Ctrl-C stop it gracefully: requests in flight finish (STATEKEEPER_SHUTDOWN_TIMEOUT)."})
public final class ServeCommand extends StoreCommand {
    @Option(names = "--bind", paramLabel = "ADDRESS", description = "address to listen on (overrides STATEKEEPER_BIND)")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "port to listen on, 0 for any free one (overrides STATEKEEPER_PORT)")
    String port;

    @Override
    protected Settings settings(Settings global) {
        return global.toBuilder().flag(Setting.SERVER_BIND, "--bind", bind).flag(Setting.SERVER_PORT, "--port", port)
                .build();
    }

    @Override
    protected void execute(StateStore store, Output out) {
        Settings settings = effectiveSettings();
        StatekeeperServer server = StatekeeperServer.create(store, settings);
        int bound = server.start();
        server.stopOnShutdown(store::close);
        String host = settings.raw(Setting.SERVER_BIND);
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound;
        out.emit(Output.fields("url", url, "backend", store.info().backend(), "mcp", url + "/mcp"),
                w -> w.println("statekeeper is serving the " + store.info().backend() + " store on " + url
                        + " (API " + url + "/api/v1, MCP " + url + "/mcp); stop it with Ctrl-C"));
        out.flush();
        try {
            server.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop();
        }
    }
}
