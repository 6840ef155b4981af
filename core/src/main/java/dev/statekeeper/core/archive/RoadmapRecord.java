package dev.statekeeper.core.archive;

import dev.statekeeper.core.internal.domain.Documents;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.error.Checks;

import java.time.Instant;
import java.util.List;

/**
 * A project's roadmap document (without the project's specs, which are records of their own).
 *
 * @param project   the project, its key
 * @param version   1 on the first store, one more per update
 * @param createdAt when it was first stored
 * @param updatedAt when it last changed
 * @param content   the document, complete (every field present)
 */
public record RoadmapRecord(String project, long version, Instant createdAt, Instant updatedAt, RoadmapContent content)
        implements ArchiveRecord {

    /**
     * The record of a stored roadmap; its specs are left out.
     *
     * @param r the roadmap as the store returns it
     * @return its record
     */
    public static RoadmapRecord of(Roadmap r) {
        return new RoadmapRecord(r.project(), r.version(), r.createdAt(), r.updatedAt(), r.content());
    }

    /**
     * The roadmap with no specs: the store lists the project's specs when it returns a roadmap.
     *
     * @return the roadmap, its spec list empty
     */
    public Roadmap toRoadmap() {
        return new Roadmap(project, version, content, List.of(), createdAt, updatedAt);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.ROADMAP;
    }

    @Override
    public String key() {
        return project;
    }

    @Override
    public String describe() {
        return "roadmap of project " + ArchiveRecordChecks.quote(project);
    }

    @Override
    public void check(Checks checks) {
        if (!ArchiveRecordChecks.projectDocument(checks, project, version, createdAt, updatedAt, content)) {
            return;
        }
        if (content.title() != null) {
            checks.text("content.title", content.title(), 255);
        }
        ArchiveRecordChecks.adopt(checks, "content.",
                () -> Documents.checkText(Checks.of("roadmap"), content).orThrow());
    }
}
