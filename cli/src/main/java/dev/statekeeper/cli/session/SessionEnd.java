package dev.statekeeper.cli.session;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code statekeeper session end NAME}. */
@Command(name = "end", description = "End a session; 'session clean' removes ended sessions later.")
public final class SessionEnd extends StoreCommand {
    @Parameters(paramLabel = "NAME", description = "the session's name")
    String name;

    @Override
    protected void execute(StateStore store, Output out) {
        Session session = store.endSession(name);
        out.emit(session, "ended session " + session.name());
    }
}
