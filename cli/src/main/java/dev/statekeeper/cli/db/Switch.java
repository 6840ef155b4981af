package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.core.config.ConfigFile;
import dev.statekeeper.core.config.Setting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code db copy --switch}: writes the target's backend and location into the config file. */
final class Switch {
    /** What was written, and notes for stderr (an environment variable that overrides the file). */
    record Done(String message, List<String> notes) {
    }

    private Switch() {
    }

    static Done to(Target target, Globals globals) {
        Map<String, String> env = globals.terminal().env();
        ConfigFile file = ConfigFile.read(ConfigFile.locate(env));
        List<String> notes = new ArrayList<>();
        for (Map.Entry<Setting, String> e : target.configuration().entrySet()) {
            file = file.with(e.getKey(), e.getValue());
            String variable = e.getKey().variable();
            if (env.get(variable) != null && !env.get(variable).isEmpty()) {
                notes.add("note: " + variable + " in the environment overrides the config file; unset it to use the "
                        + "target");
            }
        }
        ConfigFile written = file.write();
        String settings = target.configuration().entrySet().stream()
                .map(e -> e.getKey().variable() + " = " + e.getKey().display(e.getValue()))
                .collect(Collectors.joining(", "));
        return new Done("switched: " + written.path() + " now names the target (" + settings + ")", notes);
    }
}
