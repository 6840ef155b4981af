package dev.statekeeper.core.archive;

import dev.statekeeper.core.internal.domain.Documents;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.error.Checks;

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
        return "plan of project " + ArchiveRecordChecks.quote(project);
    }

    @Override
    public void check(Checks checks) {
        if (!ArchiveRecordChecks.projectDocument(checks, project, version, createdAt, updatedAt, content)) {
            return;
        }
        ArchiveRecordChecks.adopt(checks, "content.", () -> Documents.checkText(Checks.of("plan"), content).orThrow());
    }
}
