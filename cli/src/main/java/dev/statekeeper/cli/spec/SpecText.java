package dev.statekeeper.cli.spec;

import dev.statekeeper.cli.support.DocumentText;
import dev.statekeeper.cli.support.KeyValues;
import dev.statekeeper.cli.support.Table;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.core.domain.Spec;

import java.io.PrintWriter;
import java.util.List;

/** How specs read on a terminal. */
final class SpecText {
    private SpecText() {
    }

    static String stored(String verb, Spec spec) {
        return verb + " spec '" + spec.name() + "' of project '" + spec.project() + "' (version " + spec.version()
                + ", iteration " + spec.iteration() + ")";
    }

    static void describe(Spec spec, PrintWriter out) {
        out.println("# " + spec.content().title());
        new KeyValues()
                .add("project", spec.project())
                .add("name", spec.name())
                .add("status", spec.content().status())
                .add("version", spec.version() + " (iteration " + spec.iteration() + ")")
                .add("created", Text.time(spec.createdAt()))
                .add("updated", Text.time(spec.updatedAt()))
                .print(out);
        DocumentText.sections(spec.content(), out);
    }

    static void table(List<Spec> specs, PrintWriter out) {
        if (specs.isEmpty()) {
            out.println("no specs");
            return;
        }
        Table table = new Table("NAME", "STATUS", "VERSION", "ITERATION", "UPDATED", "TITLE");
        for (Spec s : specs) {
            table.row(s.name(), s.content().status(), s.version(), s.iteration(), Text.time(s.updatedAt()),
                    s.content().title());
        }
        table.print(out);
    }
}
