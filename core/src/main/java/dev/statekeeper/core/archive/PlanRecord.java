package dev.statekeeper.core.archive;

import dev.statekeeper.core.internal.domain.Documents;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.error.Checks;

import java.time.Instant;

/**
 * A project's plan document.
 *
 * @param project   the project, its key
 * @param version   1 on the first store, one more per update
 * @param createdAt when it was first stored
 * @param updatedAt when it last changed
 * @param content   the document, complete (every field present)
 */
public record PlanRecord(String project, long version, Instant createdAt, Instant updatedAt, PlanContent content)
        implements ArchiveRecord {

    /**
     * The record of a stored plan.
     *
     * @param p the plan as the store returns it
     * @return its record
     */
    public static PlanRecord of(ProjectPlan p) {
        return new PlanRecord(p.project(), p.version(), p.createdAt(), p.updatedAt(), p.content());
    }

    /**
     * The plan as the store returns it.
     *
     * @return the plan
     */
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
