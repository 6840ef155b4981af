package dev.statekeeper.cli.spec;

import dev.statekeeper.cli.support.GroupCommand;
import picocli.CommandLine.Command;

/** {@code statekeeper spec}: technical specs with frozen core fields and kept revisions. */
@Command(name = "spec", description = {"Technical specs, keyed by project and name (the normalized title).",
    "Documents are JSON objects with the fields title, status, objectives, scope, dependencies, deliverables "
            + "(these four are frozen after the first version), architecture, technologyStack, "
            + "functionalRequirements, nonFunctionalRequirements, developmentPlan, testingStrategy, "
            + "researchRequirements, successCriteria, integrationContext and additionalSections (an object of "
            + "heading: text). status is one of draft, in-review, approved, implementation-ready, in-development, "
            + "completed."},
        subcommands = {SpecPut.class, SpecUpdate.class, SpecGet.class, SpecList.class, SpecHistory.class,
            SpecResolve.class, SpecDelete.class, SpecLink.class, SpecUnlink.class},
        footer = {"%nExample:",
            "  echo '{\"title\": \"User Auth\", \"objectives\": \"log users in\"}' | statekeeper spec put --project demo --file -",
            "  statekeeper spec get --project demo --name user-auth"})
public final class SpecCommand extends GroupCommand {
}
