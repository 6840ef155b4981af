package dev.statekeeper.server.dashboard;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The line diff: on seeded random texts, applying the diff to the old lines gives the new ones and the kept lines
 * are a longest common subsequence (checked against a plain dynamic programme), by Myers' algorithm and by the
 * dynamic programme it falls back to; the edge cases; the bound.
 */
class TextDiffTest {
    @Test
    void onRandomTextsTheDiffAppliedToTheOldLinesGivesTheNewOnesAndKeepsALongestCommonSubsequence() {
        Random random = new Random(17);
        for (int round = 0; round < 2_000; round++) {
            List<String> a = randomLines(random);
            List<String> b = random.nextInt(4) == 0 ? mutate(a, random) : randomLines(random);
            // Myers' algorithm, the dynamic programme, or the one after the other giving up
            int maxEdits = new int[] {TextDiff.MAX_EDITS, 0, 1, 3, 8}[round % 5];
            TextDiff.Result result = TextDiff.diff(a, b, maxEdits);
            assertThat(TextDiff.apply(a, result.edits())).as("round %d: %s -> %s", round, a, b).isEqualTo(b);
            long kept = result.edits().stream().filter(e -> e.op() == TextDiff.Op.SAME).count();
            assertThat(kept).as("round %d: %s -> %s", round, a, b).isEqualTo(lcs(a, b));
            assertThat(result.edits()).hasSize((int) (a.size() + b.size() - kept));
            assertThat(result.cut()).isFalse();
            assertThat(result.unchanged()).isEqualTo(a.equals(b));
        }
    }

    @Test
    void emptyIdenticalAndAllChangedTexts() {
        assertThat(TextDiff.diff(List.of(), List.of()).edits()).isEmpty();
        assertThat(TextDiff.diff(List.of(), List.of()).unchanged()).isTrue();
        assertThat(TextDiff.diff(List.of(), List.of("a", "b")).edits()).containsExactly(
                new TextDiff.Edit(TextDiff.Op.ADDED, "a"), new TextDiff.Edit(TextDiff.Op.ADDED, "b"));
        assertThat(TextDiff.diff(List.of("a", "b"), List.of()).edits()).containsExactly(
                new TextDiff.Edit(TextDiff.Op.REMOVED, "a"), new TextDiff.Edit(TextDiff.Op.REMOVED, "b"));
        TextDiff.Result same = TextDiff.diff(List.of("x", "", "y"), List.of("x", "", "y"));
        assertThat(same.unchanged()).isTrue();
        assertThat(same.edits()).extracting(TextDiff.Edit::op).containsOnly(TextDiff.Op.SAME).hasSize(3);
        TextDiff.Result all = TextDiff.diff(List.of("a", "b", "c"), List.of("x", "y"));
        assertThat(all.edits()).extracting(TextDiff.Edit::op).containsExactly(TextDiff.Op.REMOVED,
                TextDiff.Op.REMOVED, TextDiff.Op.REMOVED, TextDiff.Op.ADDED, TextDiff.Op.ADDED);
        TextDiff.Result middle = TextDiff.diff(List.of("head", "old", "tail"), List.of("head", "new", "tail"));
        assertThat(middle.edits()).containsExactly(new TextDiff.Edit(TextDiff.Op.SAME, "head"),
                new TextDiff.Edit(TextDiff.Op.REMOVED, "old"), new TextDiff.Edit(TextDiff.Op.ADDED, "new"),
                new TextDiff.Edit(TextDiff.Op.SAME, "tail"));
    }

    @Test
    void onlyTheFirstFiveThousandLinesOfEachSideAreComparedAndTheResultSaysSo() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            a.add("old " + i);
            b.add("new " + i);
        }
        TextDiff.Result result = TextDiff.diff(a, b);
        assertThat(result.cut()).isTrue();
        assertThat(result.oldLines()).isEqualTo(6_000);
        assertThat(result.newLines()).isEqualTo(6_000);
        assertThat(result.edits()).hasSize(2 * TextDiff.MAX_LINES);
        assertThat(TextDiff.apply(a.subList(0, TextDiff.MAX_LINES), result.edits()))
                .isEqualTo(b.subList(0, TextDiff.MAX_LINES));
        assertThat(TextDiff.diff(a.subList(0, TextDiff.MAX_LINES), b.subList(0, TextDiff.MAX_LINES)).cut()).isFalse();
    }

    @Test
    void bothAlgorithmsAgreeOnLongTextsWithAFewChanges() {
        Random random = new Random(4242);
        List<String> a = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            a.add("line " + random.nextInt(500));
        }
        List<String> b = new ArrayList<>(a);
        for (int k = 0; k < 40; k++) {
            b.set(random.nextInt(b.size()), "changed " + k);
        }
        b.add(10, "inserted");
        b.remove(2_900);
        TextDiff.Result myers = TextDiff.diff(a, b);
        TextDiff.Result table = TextDiff.diff(a, b, 0);
        assertThat(TextDiff.apply(a, myers.edits())).isEqualTo(b);
        assertThat(TextDiff.apply(a, table.edits())).isEqualTo(b);
        assertThat(myers.edits().stream().filter(e -> e.op() == TextDiff.Op.SAME).count())
                .isEqualTo(table.edits().stream().filter(e -> e.op() == TextDiff.Op.SAME).count())
                .isEqualTo(lcs(a, b));
    }

    @Test
    void anEditThatDoesNotFitTheOldLinesIsRefused() {
        List<TextDiff.Edit> edits = TextDiff.diff(List.of("a", "b"), List.of("a", "c")).edits();
        assertThatThrownBy(() -> TextDiff.apply(List.of("a", "x"), edits)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the edit's line 2 is not old line 2");
        assertThatThrownBy(() -> TextDiff.apply(List.of("a", "b", "z"), edits))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the edit leaves out old lines from 3");
    }

    @Test
    void textIsSplitAtLineFeeds() {
        assertThat(TextDiff.lines("")).isEmpty();
        assertThat(TextDiff.lines("one")).containsExactly("one");
        assertThat(TextDiff.lines("a\r\nb\n")).containsExactly("a", "b");
        assertThat(TextDiff.lines("a\n\nb")).containsExactly("a", "", "b");
        assertThat(TextDiff.lines("\n")).containsExactly("");
        assertThat(TextDiff.lines("a\rb")).containsExactly("a\rb");
    }

    private static List<String> randomLines(Random random) {
        int n = random.nextInt(25);
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lines.add(Character.toString('a' + random.nextInt(4)));
        }
        return lines;
    }

    /** The lines with a few removed, added and moved. */
    private static List<String> mutate(List<String> a, Random random) {
        List<String> b = new ArrayList<>(a);
        for (int k = random.nextInt(4); k > 0; k--) {
            switch (random.nextInt(3)) {
                case 0 -> {
                    if (!b.isEmpty()) {
                        b.remove(random.nextInt(b.size()));
                    }
                }
                case 1 -> b.add(random.nextInt(b.size() + 1), "n" + random.nextInt(3));
                default -> {
                    if (b.size() > 1) {
                        Collections.swap(b, random.nextInt(b.size()), random.nextInt(b.size()));
                    }
                }
            }
        }
        return b;
    }

    /** The length of a longest common subsequence, by the textbook table. */
    private static int lcs(List<String> a, List<String> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                t[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
            }
        }
        return t[a.size()][b.size()];
    }
}
