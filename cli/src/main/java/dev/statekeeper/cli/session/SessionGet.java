package dev.statekeeper.cli.session;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code statekeeper session get NAME}. */
@Command(name = "get", description = "Show a session.")
public final class SessionGet extends StoreCommand {
    @Parameters(paramLabel = "NAME", description = "the session's name")
    String name;

    @Override
    protected void execute(StateStore store, Output out) {
        Session session = store.getSession(name);
        out.emit(session, w -> SessionText.describe(session, w));
    }
}
