package dev.statekeeper.core.archive;

import dev.statekeeper.core.error.Checks;

/** A loop linked to the spec of a project and name. */
public record SpecLinkRecord(String loopId, String project, String name) implements ArchiveRecord {

    @Override
    public RecordKind kind() {
        return RecordKind.SPEC_LINK;
    }

    @Override
    public String key() {
        return loopId;
    }

    /** The key of the spec it links to, as {@link SpecRecord#key()} gives it. */
    public String specKey() {
        return SpecRecord.key(project, name);
    }

    @Override
    public String describe() {
        return "spec link of loop " + ArchiveRecordChecks.quote(loopId);
    }

    @Override
    public void check(Checks checks) {
        checks.required("loopId", loopId).required("project", project).required("name", name);
    }
}
