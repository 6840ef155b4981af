package dev.statekeeper.cli;

import dev.statekeeper.cli.log.Logging;
import dev.statekeeper.cli.support.StdoutWriter;
import dev.statekeeper.core.config.Settings;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;

/** The {@code statekeeper} executable: the CLI on the process's environment and standard streams. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // STATEKEEPER_LOG_LEVEL and _FORMAT from the environment or the config file, before anything logs; a bad
        // value is refused (CONFIG_INVALID) by the command that reads the settings
        Logging.configure(Settings.load(System.getenv()).inspect());
        PrintWriter out = new StdoutWriter(new FileOutputStream(FileDescriptor.out), System.out.charset());
        PrintWriter err = new PrintWriter(System.err, false, System.err.charset());
        System.exit(new Cli(System.getenv(), System.in, out, err).run(args));
    }
}
