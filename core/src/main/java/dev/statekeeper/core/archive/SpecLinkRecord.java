package dev.statekeeper.core.archive;

import dev.statekeeper.core.error.Checks;

/**
 * A loop linked to the spec of a project and name; a loop has one link at most.
 *
 * @param loopId  the id of the loop, its key; the loop comes before it in the export or (merging) is in the store
 * @param project the project of the spec
 * @param name    the spec's (normalized) name; the spec comes before it in the export or (merging) is in the store
 */
public record SpecLinkRecord(String loopId, String project, String name) implements ArchiveRecord {

    @Override
    public RecordKind kind() {
        return RecordKind.SPEC_LINK;
    }

    @Override
    public String key() {
        return loopId;
    }

    /**
     * The key of the spec it links to.
     *
     * @return the key of the spec record of this project and name, as {@link SpecRecord#key()} gives it
     */
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
