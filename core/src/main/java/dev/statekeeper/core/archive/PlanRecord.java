package dev.statekeeper.core.archive;

import dev.statekeeper.core.domain.Documents;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.error.Violation;

import java.time.Instant;

/** A project's plan document. */
public record PlanRecord(String project, long version, Instant createdAt, Instant updatedAt, PlanContent content)
        implements ArchiveRecord {

    public static PlanRecord of(ProjectPlan p) {
        return new PlanRecord(p.project(), p.version(), p.createdAt(), p.updatedAt(), p.content());
    }

    public ProjectPlan toPlan() {
        return new ProjectPlan(project, version, content, createdAt, updatedAt);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.PLAN;
    }

    @Override
    public String key() {
        return project;
    }

    @Override
    public String describe() {
        return "plan of project " + RecordChecks.quote(project);
    }

    @Override
    public void check(Checks checks) {
        checks.text("project", project, NewLoop.MAX_PROJECT).atLeast("version", version, 1);
        RecordChecks.time(checks, "createdAt", createdAt);
        RecordChecks.time(checks, "updatedAt", updatedAt);
        if (content == null) {
            checks.add(new Violation("content", null, "is required"));
            return;
        }
        RecordChecks.complete(checks, "content.", content);
        RecordChecks.adopt(checks, "content.", () -> Documents.checkText(Checks.of("plan"), content).orThrow());
    }
}
