package dev.statekeeper.cli.support;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.Via;
import dev.statekeeper.core.internal.json.JsonInput;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.util.concurrent.Callable;

/** A command that works on the store: opens it from the settings, runs, and closes it again. */
public abstract class StoreCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    private Settings effective;

    @Override
    public final Integer call() {
        Globals globals = globals();
        Output output = new Output(globals.terminal().out(), globals.json());
        effective = settings(globals.settings());
        try (StateStore store = StateStores.open(effective, globals.terminal().clock())) {
            // the events of this command's writes name the OS user and the CLI
            Origin.of(Via.CLI, System.getProperty("user.name")).call(() -> {
                execute(store, output);
                return null;
            });
        }
        return 0;
    }

    protected abstract void execute(StateStore store, Output out);

    /** The settings the store is opened with: the global ones, to which a command may add its own flags. */
    protected Settings settings(Settings global) {
        return global;
    }

    /** The settings the store was opened with (during {@link #execute}). */
    protected final Settings effectiveSettings() {
        return effective;
    }

    protected final InputStream stdin() {
        return globals().terminal().in();
    }

    /** The JSON document named by {@code --file} (a path, or - for stdin) read as {@code type}. */
    protected final <T> T readJson(String file, String subject, Class<T> type) {
        Document doc = Document.load(file, stdin(), subject + " file");
        return JsonInput.document(subject, doc.source()).read(doc.text(), type);
    }

    /** A usage error of this command (exit 2), for rules picocli cannot express. */
    protected final ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    protected final Globals globals() {
        return (Globals) spec.root().userObject();
    }
}
