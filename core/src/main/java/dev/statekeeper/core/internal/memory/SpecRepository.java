package dev.statekeeper.core.internal.memory;

import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.internal.domain.SpecResolver;
import dev.statekeeper.core.internal.domain.Specs;
import dev.statekeeper.core.internal.error.Errors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.statekeeper.core.internal.memory.MemorySnapshot.inconsistent;
import static dev.statekeeper.core.internal.memory.MemorySnapshot.required;

/** Specs with every revision, and loop-to-spec links. Not thread-safe. */
final class SpecRepository {
    private record Key(String project, String name) {
    }

    private final MemoryClock clock;
    /** In creation order. */
    private final Map<Key, List<Spec>> revisions = new LinkedHashMap<>();
    private final Map<String, Key> links = new HashMap<>();

    SpecRepository(MemoryClock clock) {
        this.clock = clock;
    }

    int size() {
        return revisions.size();
    }

    long revisionCount() {
        return revisions.values().stream().mapToLong(List::size).sum();
    }

    Spec put(String project, SpecContent content) {
        SpecContent complete = Specs.forFirstStore(project, content);
        Optional<List<Spec>> existing = find(project, complete.title());
        if (existing.isPresent()) {
            return update(existing.get(), content, null);
        }
        Key key = new Key(project, SpecName.normalize(complete.title()));
        Instant now = clock.now();
        Spec spec = new Spec(project, key.name(), 0, 1, complete, now, now);
        List<Spec> list = new ArrayList<>();
        list.add(spec);
        revisions.put(key, list);
        return spec;
    }

    Spec update(String project, String name, SpecContent content, Long expectedVersion) {
        return update(revisionsOf(project, name), content, expectedVersion);
    }

    private Spec update(List<Spec> list, SpecContent content, Long expectedVersion) {
        Spec current = list.getLast();
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw Errors.staleSpec(current.project(), current.name(), current.version(), expectedVersion);
        }
        SpecContent merged = Specs.forUpdate(current, content);
        Spec next = new Spec(current.project(), current.name(), current.iteration() + 1, current.version() + 1, merged,
                current.createdAt(), clock.now());
        list.add(next);
        return next;
    }

    Spec get(String project, String name) {
        return revisionsOf(project, name).getLast();
    }

    Page<Spec> list(SpecQuery query) {
        List<Spec> all = ofProject(query.project()).stream()
                .filter(s -> query.status() == null || query.status() == s.content().status())
                .toList();
        return MemoryStateStore.page(all, query.paging());
    }

    List<Spec> ofProject(String project) {
        return revisions.entrySet().stream()
                .filter(e -> e.getKey().project().equals(project))
                .map(e -> e.getValue().getLast())
                .toList();
    }

    List<Spec> history(String project, String name) {
        return List.copyOf(revisionsOf(project, name));
    }

    Spec resolve(String project, String partial) {
        SpecResolver.normalizedQuery(partial); // refuses a query without a letter or digit
        Optional<List<Spec>> exact = find(project, partial);
        if (exact.isPresent()) {
            return exact.get().getLast();
        }
        List<String> names = revisions.keySet().stream().filter(k -> k.project().equals(project)).map(Key::name).toList();
        return get(project, SpecResolver.resolve(project, partial, names));
    }

    void delete(String project, String name) {
        Spec spec = get(project, name);
        Key key = new Key(project, spec.name());
        revisions.remove(key);
        links.values().removeIf(key::equals);
    }

    void link(String loopId, String project, String name) {
        Spec spec = get(project, name);
        links.put(loopId, new Key(spec.project(), spec.name()));
    }

    void unlink(String loopId) {
        links.remove(loopId);
    }

    /** The project and name of the spec the loop is linked to ({@code project/name}), or null when it is not linked. */
    String linkOf(String loopId) {
        Key key = links.get(loopId);
        return key == null ? null : key.project() + "/" + key.name();
    }

    Spec forLoop(String loopId) {
        Key key = links.get(loopId);
        if (key == null) {
            throw Errors.linkNotFound(loopId);
        }
        return get(key.project(), key.name());
    }

    /** Every spec in creation order, each with its revisions oldest first. */
    List<List<Spec>> revisions() {
        return List.copyOf(revisions.values());
    }

    /** Every link, by loop id. */
    List<MemorySnapshot.SpecLink> links() {
        return links.entrySet().stream()
                .map(e -> new MemorySnapshot.SpecLink(e.getKey(), e.getValue().project(), e.getValue().name()))
                .sorted(Comparator.comparing(MemorySnapshot.SpecLink::loopId))
                .toList();
    }

    /** Empties the repository, for a restore that replaces everything. */
    void clear() {
        revisions.clear();
        links.clear();
    }

    /**
     * Fills an empty repository from a snapshot: specs in creation order with their revisions, and links. Refuses a
     * spec without revisions, revisions of different specs under one key, a duplicate spec and a link to a
     * spec that does not exist (the caller checks the loops).
     */
    void restore(List<List<Spec>> specs, List<MemorySnapshot.SpecLink> specLinks) {
        for (List<Spec> list : specs) {
            if (list.isEmpty()) {
                throw inconsistent("a spec has no revisions");
            }
            Spec first = list.getFirst();
            Key key = new Key(required(first.project(), "the project of a spec"),
                    required(first.name(), "the name of a spec of project '" + first.project() + "'"));
            for (Spec revision : list) {
                if (!key.equals(new Key(revision.project(), revision.name()))) {
                    throw inconsistent("spec '" + key.name() + "' of project '" + key.project()
                            + "' has a revision of spec '" + revision.name() + "' of project '" + revision.project() + "'");
                }
                required(revision.content(), "the content of spec '" + key.name() + "' version " + revision.version());
                required(revision.createdAt(), "the creation time of spec '" + key.name() + "' version " + revision.version());
                required(revision.updatedAt(), "the update time of spec '" + key.name() + "' version " + revision.version());
            }
            if (revisions.putIfAbsent(key, new ArrayList<>(list)) != null) {
                throw inconsistent("spec '" + key.name() + "' of project '" + key.project() + "' appears twice");
            }
        }
        for (MemorySnapshot.SpecLink link : specLinks) {
            Key key = new Key(link.project(), link.name());
            if (!revisions.containsKey(key)) {
                throw inconsistent("loop '" + link.loopId() + "' is linked to spec '" + link.name() + "' of project '"
                        + link.project() + "', which does not exist");
            }
            if (links.putIfAbsent(required(link.loopId(), "the loop of a spec link"), key) != null) {
                throw inconsistent("loop '" + link.loopId() + "' is linked twice");
            }
        }
    }

    private List<Spec> revisionsOf(String project, String name) {
        return find(project, name).orElseThrow(() -> Errors.specNotFound(project, SpecName.normalize(name)));
    }

    /** The revisions of the spec a name or title denotes ({@link SpecName#lookups}), if there is one. */
    private Optional<List<Spec>> find(String project, String given) {
        List<String> names = SpecName.lookups(given);
        for (int i = 0; i < names.size(); i++) {
            List<Spec> list = revisions.get(new Key(project, names.get(i)));
            if (list != null && SpecName.found(i, list.getLast())) {
                return Optional.of(list);
            }
        }
        return Optional.empty();
    }
}
