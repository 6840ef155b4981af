package dev.statekeeper.server.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A line diff: the longest common subsequence of two lists of lines, as the edit that turns the old lines into the
 * new ones (each line kept, removed or added), so that {@link #apply} of the diff to the old lines gives the new ones.
 *
 * <p>Bounded: at most {@value #MAX_LINES} lines of each side are compared (the rest is left out, and the result
 * says so). The common head and tail are taken off first, and the lines numbered by a hash map so each step
 * compares two ints. The middle is compared with Myers' O((N+M)D) algorithm, fast when the revisions differ in a
 * few lines (D, the lines removed plus added), while D is at most {@value #MAX_EDITS} (its trace then holds at
 * most about a million ints); beyond that, with the classic O(NM) dynamic programme, keeping two rows of lengths
 * and one bit per cell for the way back (at most 5,000 × 5,000 bits, about 3 MB). Both give a shortest edit, so
 * their kept lines are a longest common subsequence.
 */
final class TextDiff {
    /** The most lines of each side compared. */
    static final int MAX_LINES = 5_000;
    /** The most lines removed plus added that Myers' algorithm looks for before the dynamic programme takes over. */
    static final int MAX_EDITS = 1_000;

    private TextDiff() {
    }

    /** What an edit does with a line. */
    enum Op {
        /** The line is in both. */
        SAME,
        /** The line is only in the old text. */
        REMOVED,
        /** The line is only in the new text. */
        ADDED
    }

    /**
     * One line of the edit.
     *
     * @param op   what happens to it
     * @param text the line
     */
    record Edit(Op op, String text) {
        Edit {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A diff.
     *
     * @param edits    the edit of the compared lines, in order
     * @param oldLines how many lines the old side has, compared or not
     * @param newLines how many lines the new side has, compared or not
     * @param cut      whether a side had more than {@value #MAX_LINES} lines, so only its first ones were compared
     */
    record Result(List<Edit> edits, int oldLines, int newLines, boolean cut) {
        Result {
            edits = List.copyOf(edits);
        }

        /** Whether the compared lines are the same on both sides. */
        boolean unchanged() {
            return edits.stream().allMatch(e -> e.op() == Op.SAME);
        }
    }

    /**
     * The diff of two texts' lines: a shortest edit (its kept lines a longest common subsequence), of the first
     * {@value #MAX_LINES} lines of each side.
     */
    static Result diff(List<String> oldLines, List<String> newLines) {
        return diff(oldLines, newLines, MAX_EDITS);
    }

    /** {@link #diff(List, List)} with Myers' algorithm given up beyond {@code maxEdits} (for the tests). */
    static Result diff(List<String> oldLines, List<String> newLines, int maxEdits) {
        boolean cut = oldLines.size() > MAX_LINES || newLines.size() > MAX_LINES;
        List<String> a = oldLines.subList(0, Math.min(oldLines.size(), MAX_LINES));
        List<String> b = newLines.subList(0, Math.min(newLines.size(), MAX_LINES));
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Edit> edits = new ArrayList<>(a.size() + b.size() - head - tail);
        for (int i = 0; i < head; i++) {
            edits.add(new Edit(Op.SAME, a.get(i)));
        }
        middle(a.subList(head, a.size() - tail), b.subList(head, b.size() - tail), maxEdits, edits);
        for (int i = a.size() - tail; i < a.size(); i++) {
            edits.add(new Edit(Op.SAME, a.get(i)));
        }
        return new Result(edits, oldLines.size(), newLines.size(), cut);
    }

    /**
     * The old lines with the edit applied: each kept or removed line must be the next old line, and every old line
     * must be used.
     *
     * @throws IllegalArgumentException when the edit does not fit the old lines
     */
    static List<String> apply(List<String> oldLines, List<Edit> edits) {
        List<String> out = new ArrayList<>();
        int next = 0;
        for (Edit e : edits) {
            if (e.op() == Op.ADDED) {
                out.add(e.text());
                continue;
            }
            if (next >= oldLines.size() || !oldLines.get(next).equals(e.text())) {
                throw new IllegalArgumentException("the edit's line " + (out.size() + 1) + " is not old line "
                        + (next + 1));
            }
            next++;
            if (e.op() == Op.SAME) {
                out.add(e.text());
            }
        }
        if (next != oldLines.size()) {
            throw new IllegalArgumentException("the edit leaves out old lines from " + (next + 1));
        }
        return out;
    }

    /** The lines of a text: split at line feeds (a carriage return before one is dropped); "" has none. */
    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
            out.add(text.substring(from, nl > from && text.charAt(nl - 1) == '\r' ? nl - 1 : nl));
            from = nl + 1;
        }
        if (from < text.length()) {
            out.add(text.substring(from));
        }
        return out;
    }

    /** The edit of two lists with no common head or tail, appended to {@code out}. */
    private static void middle(List<String> a, List<String> b, int maxEdits, List<Edit> out) {
        int n = a.size();
        int m = b.size();
        if (n == 0 || m == 0) {
            a.forEach(line -> out.add(new Edit(Op.REMOVED, line)));
            b.forEach(line -> out.add(new Edit(Op.ADDED, line)));
            return;
        }
        Map<String, Integer> numbers = new HashMap<>();
        int[] x = new int[n];
        int[] y = new int[m];
        for (int i = 0; i < n; i++) {
            x[i] = numbers.computeIfAbsent(a.get(i), k -> numbers.size());
        }
        for (int j = 0; j < m; j++) {
            y[j] = numbers.computeIfAbsent(b.get(j), k -> numbers.size());
        }
        if (myers(a, b, x, y, maxEdits, out)) {
            return;
        }
        // lcs(i, j) of the suffixes a[i..], b[j..]; up(i, j) set when dropping a[i] is as good as dropping b[j]
        long[] up = new long[(int) (((long) n * m + 63) / 64)];
        int[] below = new int[m + 1];
        int[] row = new int[m + 1];
        for (int i = n - 1; i >= 0; i--) {
            row[m] = 0;
            for (int j = m - 1; j >= 0; j--) {
                if (x[i] == y[j]) {
                    row[j] = below[j + 1] + 1;
                } else if (below[j] >= row[j + 1]) {
                    row[j] = below[j];
                    long cell = (long) i * m + j;
                    up[(int) (cell >>> 6)] |= 1L << (cell & 63);
                } else {
                    row[j] = row[j + 1];
                }
            }
            int[] swap = below;
            below = row;
            row = swap;
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            long cell = (long) i * m + j;
            if (x[i] == y[j]) {
                out.add(new Edit(Op.SAME, a.get(i++)));
                j++;
            } else if ((up[(int) (cell >>> 6)] & 1L << (cell & 63)) != 0) {
                out.add(new Edit(Op.REMOVED, a.get(i++)));
            } else {
                out.add(new Edit(Op.ADDED, b.get(j++)));
            }
        }
        while (i < n) {
            out.add(new Edit(Op.REMOVED, a.get(i++)));
        }
        while (j < m) {
            out.add(new Edit(Op.ADDED, b.get(j++)));
        }
    }

    /**
     * Myers' greedy shortest edit, appended to {@code out}; false (and nothing appended) when it needs more than
     * {@code maxEdits} lines removed plus added. {@code v[k]} is the furthest x on diagonal k = x - y; the trace keeps
     * each round's diagonals -d-1..d+1 for the way back.
     */
    private static boolean myers(List<String> a, List<String> b, int[] x, int[] y, int maxEdits, List<Edit> out) {
        int n = x.length;
        int m = y.length;
        int off = maxEdits + 1;
        int[] v = new int[2 * maxEdits + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= maxEdits && found < 0; d++) {
            trace.add(java.util.Arrays.copyOfRange(v, off - d - 1, off + d + 2));
            for (int k = -d; k <= d; k += 2) {
                int i = k == -d || k != d && v[off + k - 1] < v[off + k + 1] ? v[off + k + 1] : v[off + k - 1] + 1;
                int j = i - k;
                while (i < n && j < m && x[i] == y[j]) {
                    i++;
                    j++;
                }
                v[off + k] = i;
                if (i >= n && j >= m) {
                    found = d;
                    break;
                }
            }
        }
        if (found < 0) {
            return false;
        }
        List<Edit> reversed = new ArrayList<>(n + m);
        int i = n;
        int j = m;
        for (int d = found; d >= 0; d--) {
            int[] before = trace.get(d); // before[k + d + 1] is v[k] as round d found it
            int k = i - j;
            int previous = k == -d || k != d && before[k - 1 + d + 1] < before[k + 1 + d + 1] ? k + 1 : k - 1;
            int pi = d == 0 ? 0 : before[previous + d + 1];
            int pj = pi - previous;
            while (i > pi && j > pj && (d > 0 || i > 0)) {
                reversed.add(new Edit(Op.SAME, a.get(--i)));
                j--;
            }
            if (d > 0) {
                if (i == pi) {
                    reversed.add(new Edit(Op.ADDED, b.get(--j)));
                } else {
                    reversed.add(new Edit(Op.REMOVED, a.get(--i)));
                }
            }
        }
        for (int e = reversed.size() - 1; e >= 0; e--) {
            out.add(reversed.get(e));
        }
        return true;
    }
}
