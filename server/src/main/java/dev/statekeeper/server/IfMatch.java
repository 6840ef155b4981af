package dev.statekeeper.server;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.JsonProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@code If-Match} header read as RFC 9110 says: {@code *}, or a comma-separated list of entity tags, each
 * {@code "..."} or weak {@code W/"..."}, compared strongly. A header that is not such a list is 400; a list in which no
 * tag can match a version (only weak tags, or strong tags that are not a version this API gives) fails the
 * precondition with 412 at once; several strong versions are 400, as a write expects one.
 */
final class IfMatch {
    private IfMatch() {
    }

    /** The version the write expects, or null for no header or {@code *}. */
    static Long version(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        List<String> strong = new ArrayList<>();
        boolean weak = false;
        for (String tag : tags(header)) {
            if (tag.startsWith("W/")) {
                weak = true;
            } else {
                strong.add(tag.substring(1, tag.length() - 1));
            }
        }
        List<Long> versions = strong.stream().filter(t -> t.matches("\\d{1,18}")).map(Long::parseLong).distinct().toList();
        if (versions.size() > 1) {
            throw HttpFailure.badHeader("If-Match", header, "names several versions; send the one ETag of your read");
        }
        if (versions.isEmpty()) {
            throw new StatekeeperException(ErrorCode.STALE_VERSION, "If-Match " + JsonProblem.quote(header.trim())
                    + " cannot match: " + (weak && strong.isEmpty() ? "a weak tag (W/) never matches a write's strong "
                    + "comparison" : "no tag in it is a version this API gives") + "; send the ETag of a read, such as "
                    + "\"3\", unchanged");
        }
        return versions.getFirst();
    }

    /** The entity tags of the list, each checked: {@code "etagc*"} or {@code W/"etagc*"}. */
    private static List<String> tags(String header) {
        List<String> tags = new ArrayList<>();
        int i = 0;
        int n = header.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ',')) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            if (header.startsWith("W/", i)) {
                i += 2;
            }
            int close = i < n && header.charAt(i) == '"' ? header.indexOf('"', i + 1) : -1;
            if (close < 0 || !etagc(header, i + 1, close)) {
                throw HttpFailure.badHeader("If-Match", header, "must be \"*\" or entity tags such as \"3\" (the "
                        + "record's version from its ETag, in double quotes)");
            }
            tags.add(header.substring(start, close + 1));
            i = close + 1;
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && header.charAt(i) != ',') {
                throw HttpFailure.badHeader("If-Match", header, "entity tags must be separated by commas");
            }
        }
        return tags;
    }

    /** RFC 9110 etagc: %x21 / %x23-7E / obs-text, so no space, no quote, no control character. */
    private static boolean etagc(String header, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = header.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '"') {
                return false;
            }
        }
        return true;
    }
}
