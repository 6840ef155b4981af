package dev.statekeeper.cli;

import dev.statekeeper.cli.support.StdoutWriter;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;

/** The {@code statekeeper} executable: the CLI on the process's environment and standard streams. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new StdoutWriter(new FileOutputStream(FileDescriptor.out), System.out.charset());
        PrintWriter err = new PrintWriter(System.err, false, System.err.charset());
        System.exit(new Cli(System.getenv(), System.in, out, err).run(args));
    }
}
