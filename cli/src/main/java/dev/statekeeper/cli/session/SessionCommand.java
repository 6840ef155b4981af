package dev.statekeeper.cli.session;

import dev.statekeeper.cli.support.GroupCommand;
import picocli.CommandLine.Command;

/** {@code statekeeper session}: agent work sessions. */
@Command(name = "session", description = "Agent work sessions: which repository, branch and task an agent works on.",
        subcommands = {SessionStart.class, SessionGet.class, SessionList.class, SessionEnd.class, SessionClean.class},
        footer = {"%nExample:",
            "  statekeeper session start fix-login --repo-name web --branch fix/login --task-id T-42 --meta owner=ana",
            "  statekeeper session end fix-login",
            "  statekeeper session clean --older-than 30d --dry-run"})
public final class SessionCommand extends GroupCommand {
}
