package dev.statekeeper.cli.support;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text for a person's terminal, made safe to print whatever stored values it holds: a project named
 * {@code ESC]0;pwned BEL ESC[2J} would otherwise retitle the window and clear the screen. Control characters other
 * than newline and tab, lone surrogates, and the bidirectional overrides that reorder what a line shows
 * (U+202A-202E, U+2066-2069) are written as {@code \\uXXXX}. JSON output does not go through this: it is exact, and
 * JSON escapes its control characters itself.
 */
public final class TerminalText extends PrintWriter {
    private final PrintWriter raw;

    private TerminalText(PrintWriter raw) {
        super(new Escaping(raw), false);
        this.raw = raw;
    }

    /** The writer as a terminal-safe one (itself when it already is). */
    public static TerminalText of(PrintWriter target) {
        return target instanceof TerminalText safe ? safe : new TerminalText(target);
    }

    /** The writer underneath, for what must reach the terminal as it is (a progress bar's carriage returns). */
    public PrintWriter raw() {
        flush();
        return raw;
    }

    @Override
    public boolean checkError() {
        return super.checkError() || raw.checkError();
    }

    /** The text as {@link TerminalText} would print it. */
    public static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                escape(out, c);
            }
        }
        return out.toString();
    }

    private static void escape(StringBuilder out, char c) {
        if (unsafe(c)) {
            out.append(String.format("\\u%04x", (int) c));
        } else {
            out.append(c);
        }
    }

    private static boolean unsafe(char c) {
        return c != '\n' && c != '\t' && Character.isISOControl(c) || Character.isSurrogate(c)
                || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    /** Escapes as characters pass, holding a high surrogate until it is known whether its low half follows. */
    private static final class Escaping extends FilterWriter {
        private char pending;

        Escaping(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            char ch = (char) c;
            StringBuilder text = new StringBuilder(8);
            if (pending != 0) {
                if (Character.isLowSurrogate(ch)) {
                    out.write(new char[]{pending, ch});
                    pending = 0;
                    return;
                }
                escape(text, pending);
                pending = 0;
            }
            if (Character.isHighSurrogate(ch)) {
                pending = ch;
            } else {
                escape(text, ch);
            }
            out.write(text.toString());
        }

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(chars[i]);
            }
        }

        @Override
        public void write(String text, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(text.charAt(i));
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
