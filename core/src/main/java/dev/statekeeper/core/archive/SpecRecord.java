package dev.statekeeper.core.archive;

import dev.statekeeper.core.internal.domain.Documents;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.error.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A spec with every revision, oldest first: version 1, 2, ... with iteration 0, 1, ...; the last is the current one.
 * The fields frozen after the first version ({@link SpecContent#FROZEN}) must be the same in every revision.
 *
 * @param project   the project it belongs to; with the name, its key
 * @param name      its normalized name ({@link SpecName})
 * @param createdAt when the spec was first stored
 * @param revisions every version of its document, oldest first, at least the first
 */
public record SpecRecord(String project, String name, Instant createdAt, List<Revision> revisions)
        implements ArchiveRecord {

    /**
     * One version of the spec's document and when it was stored.
     *
     * @param version   the revision's place: 1 for the first, one more for each after it
     * @param iteration one less than the version: 0 for the first
     * @param updatedAt when this version was stored
     * @param content   the document, complete (every field present)
     */
    public record Revision(long version, int iteration, Instant updatedAt, SpecContent content) {
    }

    /** Copies the revisions, which are then unmodifiable; missing revisions stay null for {@link #check}. */
    public SpecRecord {
        revisions = revisions == null ? null : Collections.unmodifiableList(new ArrayList<>(revisions));
    }

    /**
     * The record of a stored spec.
     *
     * @param revisions every revision of one spec as the store returns them, oldest first, at least one
     * @return its record, its project, name and creation time those of the first revision
     */
    public static SpecRecord of(List<Spec> revisions) {
        Spec first = revisions.getFirst();
        return new SpecRecord(first.project(), first.name(), first.createdAt(), revisions.stream()
                .map(r -> new Revision(r.version(), r.iteration(), r.updatedAt(), r.content())).toList());
    }

    /**
     * Every revision as the store returns it, oldest first. For a record that passed {@link #check}.
     *
     * @return the revisions, the last the current version
     */
    public List<Spec> toSpecs() {
        return revisions.stream()
                .map(r -> new Spec(project, name, r.iteration(), r.version(), r.content(), createdAt, r.updatedAt()))
                .toList();
    }

    static String key(String project, String name) {
        return project + "\u0000" + name;
    }

    @Override
    public RecordKind kind() {
        return RecordKind.SPEC;
    }

    @Override
    public String key() {
        return key(project, name);
    }

    @Override
    public String describe() {
        return "spec " + ArchiveRecordChecks.quote(name) + " of project " + ArchiveRecordChecks.quote(project);
    }

    @Override
    public void check(Checks checks) {
        checks.text("project", project, NewLoop.MAX_PROJECT).text("name", name, SpecName.MAX);
        if (name != null && !name.isBlank() && !SpecName.normalize(name).equals(name)) {
            checks.add(new Violation("name", name, "must be a normalized spec name (lower-case letters and digits, "
                    + "single '-')"));
        }
        ArchiveRecordChecks.time(checks, "createdAt", createdAt);
        if (revisions == null || revisions.isEmpty()) {
            checks.add(new Violation("revisions", null, "must hold at least the first version"));
            return;
        }
        SpecContent first = null;
        for (int i = 0; i < revisions.size(); i++) {
            Revision r = revisions.get(i);
            String at = "revisions[" + i + "]";
            if (r == null) {
                checks.add(new Violation(at, null, "is required"));
                continue;
            }
            checks.range(at + ".version", r.version(), i + 1, i + 1).range(at + ".iteration", r.iteration(), i, i);
            ArchiveRecordChecks.time(checks, at + ".updatedAt", r.updatedAt());
            if (r.content() == null) {
                checks.add(new Violation(at + ".content", null, "is required"));
                continue;
            }
            checkContent(checks, at + ".content.", r.content());
            if (first == null) {
                first = r.content();
            } else {
                SpecContent original = first;
                ArchiveRecordChecks.adopt(checks, at + ".content.",
                        () -> Documents.merge(original, r.content(), SpecContent.class, SpecContent.FROZEN, "spec"));
            }
        }
    }

    private void checkContent(Checks checks, String prefix, SpecContent content) {
        ArchiveRecordChecks.complete(checks, prefix, content);
        ArchiveRecordChecks.adopt(checks, prefix, () -> Documents.checkText(Checks.of("spec"), content).orThrow());
        if (content.title() != null && name != null) {
            if (content.title().isBlank() || content.title().length() > SpecName.MAX) {
                checks.text(prefix + "title", content.title(), SpecName.MAX);
            } else if (!SpecName.titles(name, content.title())) {
                checks.add(new Violation(prefix + "title", content.title(), "must normalize to the spec's name '" + name
                        + "' (it normalizes to '" + SpecName.normalize(content.title()) + "')"));
            }
        }
    }
}
