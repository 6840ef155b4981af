package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.DoctorReport;

import java.time.Duration;

/** Servers with bounds other than the defaults, for tests in other packages (the dashboard's). */
public final class TestServers {
    private TestServers() {
    }

    /** A server that serves no event stream (each is refused 503, as when every place is taken): pages must poll. */
    public static StatekeeperServer withoutEventStreams(StateStore store, Settings settings) {
        return StatekeeperServer.builder(store, settings).waits(0, 64, Duration.ofSeconds(15)).build();
    }

    /** Runs the server's scheduled cheap doctor checks now (as its schedule does), so its latest report is set. */
    public static DoctorReport runScheduledDoctor(StatekeeperServer server) {
        return server.runScheduledDoctor();
    }
}
