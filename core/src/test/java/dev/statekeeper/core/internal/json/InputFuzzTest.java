package dev.statekeeper.core.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.internal.domain.Trigrams;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The decoders and the name normalizer under a seeded generator of hostile input (random bytes, mutated JSON, text
 * from every plane with lone surrogates, controls and combining marks). Each property holds for every input; the
 * run is bounded by a count ({@code -Dstatekeeper.fuzz.iterations=N}, default 5,000 each) and repeatable by its seed
 * ({@code -Dstatekeeper.fuzz.seed=S}), which a failure names.
 */
class InputFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("statekeeper.fuzz.iterations", 5_000);
    private static final long SEED = Long.getLong("statekeeper.fuzz.seed", 20_261_202L);
    private static final String[] CORPUS = {
            "{\"project\": \"demo\", \"type\": \"spec\"}",
            "{\"criticAgent\": \"c\", \"iteration\": 1, \"overallScore\": 70, \"assessmentSummary\": \"s\", "
                    + "\"keyIssues\": [\"a\", \"b\"], \"recommendations\": []}",
            "{\"title\": \"User Auth\", \"additionalSections\": {\"x\": \"y\"}, \"objectives\": \"über ☃ 👍\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":{}}}",
            "[1, 2.5, -3e10, true, false, null, \"\\u00e9\\ud83d\\udc4d\"]"};

    @Test
    void strictJsonEitherReadsAValueThatRoundTripsOrRefusesInPlainWords() {
        Random random = new Random(SEED);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = random.nextInt(4) == 0 ? randomBytes(random) : mutated(random);
            JsonNode node;
            try {
                node = StrictJson.read(input);
            } catch (JsonInputException e) {
                assertPlain(e.getMessage(), input);
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + SEED + ", input " + hex(input) + ": not a JsonInputException", e);
            }
            if (node != null) {
                assertCleanText(node, input);
                try {
                    assertThat(StrictJson.read(node.toString())).as(hex(input)).isEqualTo(node);
                } catch (JsonInputException e) {
                    fail("seed " + SEED + ", input " + hex(input) + ": what was read does not read again: " + e.getMessage());
                }
            }
        }
    }

    @Test
    void specNamesAreIdempotentAndMadeOfLettersDigitsMarksAndSingleDashes() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < ITERATIONS; i++) {
            String title = randomText(random, 1 + random.nextInt(40));
            String name = SpecName.normalize(title);
            assertThat(SpecName.normalize(name)).as("seed %d, title %s", SEED, JsonProblem.quote(title)).isEqualTo(name);
            assertThat(name).as("seed %d, title %s", SEED, JsonProblem.quote(title))
                    .doesNotStartWith("-").doesNotEndWith("-").doesNotContain("--");
            name.codePoints().forEach(c -> assertThat(c == '-' || Character.isLetterOrDigit(c)
                    || Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.COMBINING_SPACING_MARK
                    || Character.getType(c) == Character.ENCLOSING_MARK)
                    .as("seed %d, title %s: code point U+%04X in %s", SEED, JsonProblem.quote(title), c, name).isTrue());
        }
    }

    @Test
    void trigramSimilarityIsSymmetricAndBetweenZeroAndOne() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < ITERATIONS / 4; i++) {
            String a = SpecName.normalize(randomText(random, 1 + random.nextInt(12)));
            String b = random.nextBoolean() ? a + randomText(random, 3) : SpecName.normalize(randomText(random, 8));
            double ab = Trigrams.similarity(a, b);
            assertThat(ab).as("%s ~ %s", a, b).isBetween(0.0, 1.0).isEqualTo(Trigrams.similarity(b, a));
            if (!Trigrams.trigrams(a).isEmpty()) {
                assertThat(Trigrams.similarity(a, a)).as(a).isEqualTo(1.0);
            }
        }
    }

    @Test
    void quotedAndPrintableTextCarriesNoControlCharacterOrLoneSurrogate() {
        Random random = new Random(SEED + 3);
        for (int i = 0; i < ITERATIONS; i++) {
            String text = randomText(random, random.nextInt(200));
            for (String shown : new String[]{JsonProblem.quote(text), JsonProblem.printable(text)}) {
                assertPrintable(shown, text);
            }
            assertThat(JsonProblem.quote(text).length()).as("cut short").isLessThan(JsonProblem.QUOTE_LIMIT * 6 + 40);
        }
    }

    private static void assertPlain(String message, byte[] input) {
        assertThat(message).as("seed %d, input %s", SEED, hex(input)).doesNotContain("JsonReadFeature")
                .doesNotContain("INCLUDE_SOURCE").doesNotContain("com.fasterxml").hasSizeLessThan(400);
        assertPrintable(message, hex(input));
    }

    private static void assertPrintable(String shown, String from) {
        for (int j = 0; j < shown.length(); j++) {
            char c = shown.charAt(j);
            boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && j + 1 < shown.length()
                    && Character.isLowSurrogate(shown.charAt(j + 1))) && !(Character.isLowSurrogate(c) && j > 0
                    && Character.isHighSurrogate(shown.charAt(j - 1)));
            if (Character.isISOControl(c) || lone) {
                fail("seed " + SEED + ": " + JsonProblem.quote(from) + " is shown with U+" + Integer.toHexString(c));
            }
        }
    }

    private static void assertCleanText(JsonNode node, byte[] input) {
        if (node.isTextual()) {
            assertClean(node.textValue(), input);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            assertClean(field.getKey(), input);
            assertCleanText(field.getValue(), input);
        }
        if (node.isArray()) {
            node.forEach(child -> assertCleanText(child, input));
        }
    }

    private static void assertClean(String text, byte[] input) {
        assertThat(text.indexOf('\0')).as("NUL read from %s", hex(input)).isNegative();
        assertThat(text.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .as("a lone surrogate read from %s", hex(input)).isTrue();
    }

    private static byte[] mutated(Random random) {
        byte[] base = CORPUS[random.nextInt(CORPUS.length)].getBytes(StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder(new String(base, StandardCharsets.UTF_8));
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !text.isEmpty(); e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(7)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, (char) random.nextInt(0x80));
                case 2 -> text.insert(at, new String[]{"\\ud800", "\\udc00", "\\u0000", "\\u001b", "1e999", "NaN",
                        "\"\"", ",", "}", "]", "[[[[", "\"k\":1,\"k\":2"}[random.nextInt(12)]);
                case 3 -> text.setLength(at);
                case 4 -> text.insert(at, randomText(random, 3));
                case 5 -> text.insert(at, "[".repeat(60 + random.nextInt(20)));
                default -> text.replace(at, at + 1, String.valueOf((char) (0x20 + random.nextInt(0x5f))));
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(5) == 0 && bytes.length > 0) { // a raw byte no encoder would write: overlong, stray
            bytes[random.nextInt(bytes.length)] = (byte) new int[]{0xC0, 0xC1, 0xF5, 0xFF, 0x80, 0xED}[random.nextInt(6)];
        }
        return bytes;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Characters from every range that matters: ASCII with controls, Latin, CJK, marks, astral, lone surrogates. */
    static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(9)) {
                case 0 -> out.append((char) random.nextInt(0x20));
                case 1, 2 -> out.append((char) (0x20 + random.nextInt(0x5f)));
                case 3 -> out.append((char) (0xA0 + random.nextInt(0x200)));
                case 4 -> out.append((char) (0x300 + random.nextInt(0x70))); // combining marks
                case 5 -> out.append((char) (0x4E00 + random.nextInt(0x100)));
                case 6 -> out.appendCodePoint(0x10000 + random.nextInt(0x20000));
                case 7 -> out.append((char) (Character.MIN_SURROGATE + random.nextInt(0x800))); // lone
                default -> out.append(new char[]{'\u2028', '\uFEFF', '\uFF21', '\u0130', '\u00DF', '\uFB01', '\u0900',
                        '\u093F', '\u200D'}[random.nextInt(9)]);
            }
        }
        return out.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 80); i++) {
            out.append(String.format("%02x", bytes[i] & 0xff));
        }
        return out + (bytes.length > 80 ? "..." : "");
    }
}
