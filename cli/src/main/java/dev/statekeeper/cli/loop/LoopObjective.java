package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.Document;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.result.ObjectiveFeedback;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code statekeeper loop objective ID [--set TEXT | --file F]}: one objective-feedback text per loop. */
@Command(name = "objective", description = "Print the loop's objective feedback, or store it with --set or --file.")
public final class LoopObjective extends StoreCommand {
    @Parameters(paramLabel = "ID", description = "the loop's id")
    String id;

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
        @Option(names = "--set", paramLabel = "TEXT", description = "store this text (replacing an earlier one)")
        String text;

        @Option(names = "--file", paramLabel = "FILE", description = "store the text of FILE (- reads stdin)")
        String file;
    }

    @Override
    protected void execute(StateStore store, Output out) {
        if (source == null) {
            String text = store.getObjectiveFeedback(id);
            out.emit(new ObjectiveFeedback(id, text), w -> w.print(text.endsWith("\n") ? text : text + "\n"));
            return;
        }
        String text = source.text != null ? source.text : Document.load(source.file, stdin(), "objective file").text();
        store.putObjectiveFeedback(id, text);
        out.emit(new ObjectiveFeedback(id, text),
                "stored objective feedback of loop " + id + " (" + text.length() + " characters)");
    }
}
