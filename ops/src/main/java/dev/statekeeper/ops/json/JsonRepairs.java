package dev.statekeeper.ops.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.config.Setting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The safe repairs of a json store's document, made in the tree: remove active-loop entries naming a loop that is
 * not there (and repeats), keep only the newest STATEKEEPER_LOOP_HISTORY_SIZE of them, remove spec links to a spec
 * that is not there. Nothing a reader could see is lost: the store refuses to read the file with the first two.
 * Returns one line per change.
 */
final class JsonRepairs {
    private JsonRepairs() {
    }

    static List<String> apply(ObjectNode document, int historySize) {
        List<String> changes = new ArrayList<>();
        if (Doc.list(document, "loops") == null) {
            return changes;
        }
        Set<String> loops = new HashSet<>();
        Doc.elements(document, "loops").forEach(l -> loops.add(Doc.text(l, "id")));
        if (Doc.list(document, "specs") != null) {
            Set<String> specs = new HashSet<>();
            Doc.elements(document, "specs").forEach(s -> specs.add(Doc.specKey(s)));
            for (JsonNode loop : Doc.elements(document, "loops")) {
                JsonNode link = loop.path("spec");
                if (link.isObject() && !specs.contains(Doc.specKey(link))) {
                    ((ObjectNode) loop).putNull("spec");
                    changes.add("loop '" + Doc.text(loop, "id") + "': removed its link to spec '" + Doc.text(link, "name")
                            + "' of project '" + Doc.text(link, "project") + "', which does not exist");
                }
            }
        }
        ArrayNode active = Doc.list(document, "activeLoops");
        if (active != null) {
            Set<String> kept = new LinkedHashSet<>();
            for (JsonNode entry : active) {
                String id = entry.isTextual() ? entry.asText() : null;
                if (id == null || !loops.contains(id)) {
                    changes.add("activeLoops: removed loop " + (id == null ? entry.toString() : "'" + id + "'")
                            + ", which does not exist");
                } else if (!kept.add(id)) {
                    changes.add("activeLoops: removed a repeat of loop '" + id + "'");
                }
            }
            List<String> newest = new ArrayList<>(kept).subList(0, Math.min(kept.size(), historySize));
            if (kept.size() > historySize) {
                changes.add("activeLoops: removed the " + (kept.size() - historySize) + " oldest entries beyond "
                        + Setting.LOOP_HISTORY_SIZE.variable() + " (" + historySize + "); their loops are kept");
            }
            ArrayNode repaired = document.arrayNode();
            newest.forEach(repaired::add);
            document.set("activeLoops", repaired);
        }
        return changes;
    }
}
