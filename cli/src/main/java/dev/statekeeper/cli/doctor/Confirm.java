package dev.statekeeper.cli.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Asks on stderr and reads one short answer from stdin: yes only for "y" or "yes"; nothing or anything else is no. */
final class Confirm {
    private static final int LONGEST = 64;

    private Confirm() {
    }

    static boolean ask(String question, InputStream in, PrintWriter err) {
        err.print(question + " [y/N] ");
        err.flush();
        byte[] answer = new byte[LONGEST];
        int n = 0;
        try {
            for (int b; n < LONGEST && (b = in.read()) >= 0 && b != '\n'; ) {
                answer[n++] = (byte) b;
            }
        } catch (IOException e) {
            return false;
        }
        String text = new String(answer, 0, n, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
        return text.equals("y") || text.equals("yes");
    }
}
