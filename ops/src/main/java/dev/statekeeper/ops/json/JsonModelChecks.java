package dev.statekeeper.ops.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.PlanStatus;
import dev.statekeeper.core.domain.RoadmapStatus;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.domain.WireEnum;
import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;
import dev.statekeeper.ops.Fixes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The json store's records against the model's rules, on the parsed tree so that every problem is found, not
 * only the first: duplicate keys, values out of range, a spec link or an active-loop entry naming a record that
 * is not there (the store refuses such a file), more active-loop entries than the bound, projects with specs but
 * no roadmap.
 */
final class JsonModelChecks {
    private final ObjectNode document;
    private final String file;
    private final FieldRules rules;

    private JsonModelChecks(ObjectNode document, String file) {
        this.document = document;
        this.file = file;
        this.rules = new FieldRules(file);
    }

    static List<Finding> find(ObjectNode document, String file, int historySize) {
        JsonModelChecks checks = new JsonModelChecks(document, file);
        Set<String> loops = checks.loops();
        Set<String> specs = checks.specs();
        checks.links(specs);
        checks.active(loops, historySize);
        Set<String> roadmaps = checks.documents("roadmaps", "project", RoadmapStatus.class);
        checks.documents("plans", "project", PlanStatus.class);
        checks.documents("sessions", "name", null);
        checks.roadmapless(roadmaps);
        return checks.rules.findings();
    }

    private Set<String> loops() {
        Set<String> ids = new HashSet<>();
        List<JsonNode> loops = Doc.elements(document, "loops");
        for (int i = 0; i < loops.size(); i++) {
            JsonNode loop = loops.get(i);
            String where = "loops[" + i + "]";
            String id = rules.key(where, "loop", loop, "id", ids);
            if (id != null) {
                String what = "loop '" + id + "'";
                rules.oneOf(where, what, loop, "type", LoopType.class);
                rules.oneOf(where, what, loop, "status", LoopStatus.class);
                rules.range(where, what, loop, "currentScore", 0, 100);
                rules.range(where, what, loop, "iteration", 1, Integer.MAX_VALUE);
                rules.range(where, what, loop, "version", 1, Long.MAX_VALUE);
                List<JsonNode> feedback = new ArrayList<>();
                loop.path("feedback").forEach(feedback::add);
                for (int j = 0; j < feedback.size(); j++) {
                    String entry = where + ".feedback[" + j + "]";
                    rules.range(entry, what + " feedback " + (j + 1), feedback.get(j), "overallScore", 0, 100);
                    rules.range(entry, what + " feedback " + (j + 1), feedback.get(j), "iteration", 1, Integer.MAX_VALUE);
                }
            }
        }
        return ids;
    }

    private Set<String> specs() {
        Set<String> keys = new HashSet<>();
        List<JsonNode> specs = Doc.elements(document, "specs");
        for (int i = 0; i < specs.size(); i++) {
            JsonNode spec = specs.get(i);
            String where = "specs[" + i + "]";
            String key = Doc.specKey(spec);
            String what = "spec '" + Doc.text(spec, "name") + "' of project '" + Doc.text(spec, "project") + "'";
            if (key == null) {
                rules.error(Check.JSON_FORMAT, where, "a spec without a project or name",
                        "delete the record by hand, or run 'statekeeper db recover'");
            } else if (!keys.add(key)) {
                rules.error(Check.DUPLICATES, where, what + " appears more than once", "keep one of them by hand");
            } else if (spec.path("revisions").isEmpty()) {
                rules.error(Check.REVISIONS, where, what + " has no revisions",
                        "delete the record by hand, or restore a backup");
            }
            List<JsonNode> revisions = new ArrayList<>();
            spec.path("revisions").forEach(revisions::add);
            for (int j = 0; j < revisions.size(); j++) {
                String at = where + ".revisions[" + j + "]";
                rules.range(at, what, revisions.get(j), "version", 1, Long.MAX_VALUE);
                rules.range(at, what, revisions.get(j), "iteration", 0, Integer.MAX_VALUE);
                rules.oneOf(at + ".content", what, revisions.get(j).path("content"), "status", SpecStatus.class, true);
            }
        }
        return keys;
    }

    private void links(Set<String> specs) {
        List<JsonNode> loops = Doc.elements(document, "loops");
        for (int i = 0; i < loops.size(); i++) {
            JsonNode link = loops.get(i).path("spec");
            if (link.isObject() && !specs.contains(Doc.specKey(link))) {
                rules.error(Check.ORPHANS, "loops[" + i + "].spec",
                        "loop '" + Doc.text(loops.get(i), "id") + "' is linked to spec '"
                        + Doc.text(link, "name") + "' of project '" + Doc.text(link, "project") + "', which does not exist",
                        "'statekeeper db verify --repair' removes the link");
            }
        }
    }

    private void active(Set<String> loops, int historySize) {
        List<JsonNode> active = Doc.elements(document, "activeLoops");
        Set<String> listed = new LinkedHashSet<>();
        for (int i = 0; i < active.size(); i++) {
            String id = active.get(i).isTextual() ? active.get(i).asText() : null;
            String where = "activeLoops[" + i + "]";
            if (id == null || !loops.contains(id)) {
                rules.error(Check.ORPHANS, where,
                        "the active-loop history lists loop " + (id == null ? active.get(i).toString()
                        : "'" + id + "'") + ", which does not exist", "'statekeeper db verify --repair' removes the entry");
            } else if (!listed.add(id)) {
                rules.error(Check.ORPHANS, where, "the active-loop history lists loop '" + id + "' more than once",
                        "'statekeeper db verify --repair' removes the repeat");
            }
        }
        if (listed.size() > historySize) {
            rules.add(Finding.warning(Check.HISTORY, file + " activeLoops", "the active-loop history holds "
                    + listed.size() + " entries, more than " + Setting.LOOP_HISTORY_SIZE.variable() + " (" + historySize
                    + ")", "'statekeeper db verify --repair' removes the " + (listed.size() - historySize)
                    + " oldest (their loops stay), or raise " + Setting.LOOP_HISTORY_SIZE.variable()));
        }
    }

    /** Roadmaps, plans and sessions: one per key, a valid version and status. Returns the keys. */
    private <E extends Enum<E> & WireEnum> Set<String> documents(String list, String keyField, Class<E> status) {
        Set<String> keys = new HashSet<>();
        List<JsonNode> records = Doc.elements(document, list);
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            String where = list + "[" + i + "]";
            String key = rules.key(where, list.substring(0, list.length() - 1), record, keyField, keys);
            if (key != null && status != null) {
                String what = list.substring(0, list.length() - 1) + " of project '" + key + "'";
                rules.range(where, what, record, "version", 1, Long.MAX_VALUE);
                rules.oneOf(where + ".content", what, record.path("content"), "status", status, true);
            } else if (key != null) {
                rules.oneOf(where, "session '" + key + "'", record, "status", SessionStatus.class);
            }
        }
        return keys;
    }

    private void roadmapless(Set<String> roadmaps) {
        Set<String> projects = new LinkedHashSet<>();
        Doc.elements(document, "specs").forEach(s -> projects.add(Doc.text(s, "project")));
        projects.stream().filter(p -> p != null && !roadmaps.contains(p)).forEach(p -> rules.add(Finding.warning(
                Check.ROADMAP, file + " specs", "project '" + p + "' has specs but no roadmap",
                Fixes.storeRoadmap(p))));
    }
}
