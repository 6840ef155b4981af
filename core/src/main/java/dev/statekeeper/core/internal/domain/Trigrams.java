package dev.statekeeper.core.internal.domain;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Trigram similarity computed exactly as PostgreSQL's pg_trgm computes it in a UTF-8 database whose LC_CTYPE
 * classifies Unicode (any but C/POSIX), so that the backends without pg_trgm rank fuzzy matches the same:
 * <ul>
 *   <li>words are runs of letters and digits as glibc's {@code iswalnum} sees them: Unicode Alphabetic
 *       (letters, and the vowel signs of scripts such as Devanagari) or a decimal digit;</li>
 *   <li>each word, lower-cased, is padded with two spaces in front and one behind, and cut into every run of
 *       three characters;</li>
 *   <li>a trigram is kept as pg_trgm keeps it, in three bytes: its UTF-8 bytes when it has three (ASCII), else
 *       the first three bytes of the legacy CRC-32 of its UTF-8 bytes (as a little-endian server stores it),
 *       so even two trigrams that pg_trgm's hash confuses count as one here too;</li>
 *   <li>similarity = shared trigrams / all distinct trigrams of both, divided in single precision
 *       ({@code real}, what {@code similarity()} returns).</li>
 * </ul>
 */
public final class Trigrams {
    private static final int[] CRC_TABLE = crcTable();

    private Trigrams() {
    }

    /**
     * The similarity of two texts, as pg_trgm's {@code similarity(a, b)}.
     *
     * @param a a text
     * @param b another
     * @return 0 (nothing shared, or no word in one) to 1 (the same trigrams)
     */
    public static double similarity(String a, String b) {
        return similarity(trigrams(a), b);
    }

    /**
     * The similarity of a text to trigrams computed once with {@link #trigrams}: for ranking many names.
     *
     * @param left the trigrams of one text
     * @param b    the other text
     * @return 0 to 1, as {@link #similarity(String, String)}
     */
    public static double similarity(Set<Integer> left, String b) {
        Set<Integer> right = trigrams(b);
        if (left.isEmpty() || right.isEmpty()) {
            return 0.0;
        }
        int shared = 0;
        for (Integer t : left) {
            if (right.contains(t)) {
                shared++;
            }
        }
        return (float) shared / (float) (left.size() + right.size() - shared);
    }

    /**
     * The distinct trigrams of a text.
     *
     * @param text the text
     * @return each trigram as pg_trgm's three bytes in one number
     */
    public static Set<Integer> trigrams(String text) {
        Set<Integer> out = new HashSet<>();
        int[] cps = text.toLowerCase(Locale.ROOT).codePoints().toArray();
        int i = 0;
        while (i < cps.length) {
            while (i < cps.length && !isWordChar(cps[i])) {
                i++;
            }
            int start = i;
            while (i < cps.length && isWordChar(cps[i])) {
                i++;
            }
            if (i > start) {
                int[] padded = new int[i - start + 3];
                padded[0] = ' ';
                padded[1] = ' ';
                System.arraycopy(cps, start, padded, 2, i - start);
                padded[padded.length - 1] = ' ';
                for (int j = 0; j + 3 <= padded.length; j++) {
                    out.add(key(new String(padded, j, 3).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }

    /**
     * The trigrams as pg_trgm's {@code show_trgm} prints them, for tests and diagnosis.
     *
     * @param text the text
     * @return each trigram's characters, or its three bytes in hex ({@code 0x1a2b3c})
     */
    public static Set<String> show(String text) {
        Set<String> out = new HashSet<>();
        for (int key : trigrams(text)) {
            byte[] bytes = {(byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
            boolean printable = true;
            for (byte b : bytes) {
                printable &= b == ' ' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
            }
            out.add(printable ? new String(bytes, StandardCharsets.US_ASCII) : String.format("0x%06x", key));
        }
        return out;
    }

    /** A character of a word, as glibc's iswalnum classifies it in a Unicode locale. */
    static boolean isWordChar(int codePoint) {
        return Character.isAlphabetic(codePoint) || Character.isDigit(codePoint);
    }

    /** pg_trgm's compact_trigram: three bytes kept as they are, more hashed with the legacy CRC-32. */
    private static int key(byte[] utf8) {
        if (utf8.length == 3) {
            return (utf8[0] & 0xFF) << 16 | (utf8[1] & 0xFF) << 8 | utf8[2] & 0xFF;
        }
        int crc = 0xFFFFFFFF;
        for (byte b : utf8) { // PostgreSQL's LEGACY_CRC32: the reflected table used with the normal algorithm
            crc = CRC_TABLE[(crc >>> 24 ^ b) & 0xFF] ^ crc << 8;
        }
        crc = ~crc;
        return (crc & 0xFF) << 16 | (crc >>> 8 & 0xFF) << 8 | crc >>> 16 & 0xFF; // the crc's first 3 bytes in memory
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ c >>> 1 : c >>> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
