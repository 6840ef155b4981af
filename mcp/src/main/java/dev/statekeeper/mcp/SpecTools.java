package dev.statekeeper.mcp;

import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.Paging;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.result.LoopUnlinked;
import dev.statekeeper.core.result.SpecDeleted;
import dev.statekeeper.core.result.SpecLinked;

import java.util.List;

/** Technical specs: store, update, read, list, resolve, delete, and the loop-to-spec link. */
final class SpecTools {
    private static final String NAME = "the spec's name: its normalized title ('User Auth' is 'user-auth'); "
            + "a title is normalized too";

    private SpecTools() {
    }

    record StoreSpec(
            @Arg(value = "the spec's project", required = true, maxLength = NewLoop.MAX_PROJECT) String project,
            @Arg(value = "the spec document; its title names it. Creates the spec, or updates the one the title "
                    + "names (frozen fields may only be repeated unchanged)", required = true) SpecContent spec) {
    }

    record UpdateSpec(
            @Arg(value = "the spec's project", required = true, maxLength = NewLoop.MAX_PROJECT) String project,
            @Arg(value = NAME, required = true, maxLength = SpecName.MAX) String name,
            @Arg(value = "the changes: fields given replace the stored ones, omitted fields keep their value, "
                    + "frozen fields cannot change", required = true) SpecContent spec,
            @Arg(value = "fail with a stale-version error unless the spec is at this version", min = 1) Long expectedVersion) {
    }

    record SpecRef(
            @Arg(value = "the spec's project", required = true, maxLength = NewLoop.MAX_PROJECT) String project,
            @Arg(value = NAME, required = true, maxLength = SpecName.MAX) String name) {
    }

    record ListSpecs(
            @Arg(value = "the project", required = true, maxLength = NewLoop.MAX_PROJECT) String project,
            @Arg("only specs in this status") SpecStatus status,
            @Arg(value = "at most this many specs (default 50)", min = 1, max = Paging.MAX_LIMIT) Integer limit,
            @Arg(value = Listing.CURSOR, maxLength = Listing.MAX_CURSOR) String cursor) {
    }

    record ResolveSpec(
            @Arg(value = "the project", required = true, maxLength = NewLoop.MAX_PROJECT) String project,
            @Arg(value = "part of the spec's name or title", required = true) String partialName) {
    }

    record LinkSpec(
            @Arg(value = "the loop's id", required = true) String loopId,
            @Arg(value = "the spec's project", required = true, maxLength = NewLoop.MAX_PROJECT) String project,
            @Arg(value = NAME, required = true, maxLength = SpecName.MAX) String name) {
    }

    static List<ToolDef<?>> all() {
        return List.of(
                ToolDef.writes("store_spec", StoreSpec.class, ToolDef.type(Spec.class),
                        "Store a technical spec under its normalized title: version 1 and iteration 0 when new, "
                                + "else a new revision. objectives, scope, dependencies and deliverables are "
                                + "frozen after the first version.",
                        (store, a) -> store.putSpec(a.project(), a.spec())),
                ToolDef.writes("update_spec", UpdateSpec.class, ToolDef.type(Spec.class),
                        "Update an existing spec: a new revision (version and iteration +1); omitted fields keep "
                                + "their value, frozen fields cannot change.",
                        (store, a) -> store.updateSpec(a.project(), a.name(), a.spec(), a.expectedVersion())),
                ToolDef.reads("get_spec", SpecRef.class, ToolDef.type(Spec.class), "The latest version of a spec.",
                        (store, a) -> store.getSpec(a.project(), a.name())),
                ToolDef.reads("get_loop_spec", LoopTools.LoopRef.class, ToolDef.type(Spec.class), "The spec a loop is linked to.",
                        (store, a) -> store.specForLoop(a.loopId())),
                ToolDef.reads("list_specs", ListSpecs.class, ToolDef.listing(Spec.class), "A project's specs in creation order, one page at a time.",
                        (store, a) -> Listing.of(store.listSpecs(new SpecQuery(a.project(), a.status(),
                                Paging.of(a.limit(), Listing.offset(a.cursor())))))),
                ToolDef.reads("resolve_spec", ResolveSpec.class, ToolDef.type(Spec.class),
                        "The spec a partial name denotes: an exact match, else a prefix, else a substring, else "
                                + "fuzzy similarity; an ambiguous name is an error listing the candidates.",
                        (store, a) -> store.resolveSpec(a.project(), a.partialName())),
                ToolDef.deletes("delete_spec", SpecRef.class, ToolDef.type(SpecDeleted.class), "Delete a spec with all its versions and its links to loops.",
                        (store, a) -> {
                            store.deleteSpec(a.project(), a.name());
                            return new SpecDeleted(a.project(), SpecName.normalize(a.name()));
                        }),
                ToolDef.replaces("link_loop_to_spec", LinkSpec.class, ToolDef.type(SpecLinked.class),
                        "Link a loop to a spec, replacing the loop's earlier link.",
                        (store, a) -> {
                            store.linkLoop(a.loopId(), a.project(), a.name());
                            return new SpecLinked(a.loopId(), a.project(), SpecName.normalize(a.name()));
                        }),
                ToolDef.replaces("unlink_loop", LoopTools.LoopRef.class, ToolDef.type(LoopUnlinked.class), "Remove a loop's link to its spec (the spec stays).",
                        (store, a) -> {
                            store.unlinkLoop(a.loopId());
                            return new LoopUnlinked(a.loopId());
                        }));
    }
}
