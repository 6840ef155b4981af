package dev.statekeeper.cli.support;

import dev.statekeeper.core.internal.archive.Progress;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A progress bar on stderr for work that goes through many records (me.tongfei:progressbar), shown only when
 * stderr is a terminal and the command does not print JSON: piped or redirected, commands stay quiet.
 */
public final class ProgressDisplay implements Progress {
    private final PrintWriter err;
    private final int width;
    private ProgressBar bar;

    private ProgressDisplay(PrintWriter err, int width) {
        this.err = err;
        this.width = width;
    }

    /** A bar on the terminal's stderr, or no display at all when that is not a terminal or output is JSON. */
    public static Progress of(Globals globals) {
        Terminal terminal = globals.terminal();
        if (globals.json() || !stderrIsTerminal(terminal)) {
            return Progress.NONE;
        }
        int width = 80;
        try {
            width = Math.max(40, Integer.parseInt(terminal.env().getOrDefault("COLUMNS", "80").trim()));
        } catch (NumberFormatException ignored) {
            // 80 columns, then
        }
        return new ProgressDisplay(TerminalText.of(terminal.err()).raw(), width); // its \r must reach the terminal
    }

    @Override
    public void begin(String step, long total) {
        end();
        bar = new ProgressBarBuilder().setTaskName(step).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" records", 1)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r' + line);
                    err.flush();
                }, width - 1))
                .build();
    }

    @Override
    public void advance() {
        if (bar != null) {
            if (bar.getMax() >= 0 && bar.getCurrent() >= bar.getMax()) {
                bar.maxHint(bar.getCurrent() + 1); // the counts known up front leave some kinds out
            }
            bar.step();
        }
    }

    @Override
    public void end() {
        if (bar != null) {
            bar.close();
            bar = null;
            err.println();
            err.flush();
        }
    }

    /**
     * Whether the process's stderr is a terminal (and the terminal can show a bar): on Linux, file descriptor 2
     * names a tty; elsewhere, the JVM has a console. Never true for the streams of an in-process run.
     */
    static boolean stderrIsTerminal(Terminal terminal) {
        String term = terminal.env().get("TERM");
        if (term == null || term.isBlank() || term.equals("dumb")) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
