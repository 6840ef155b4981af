package dev.statekeeper.core.internal.domain;

/**
 * Short texts a caller hands over to be recorded as labels (a request id, an actor, an argument echoed back): cut to a
 * length, with control characters and lone surrogates replaced by '?', so that a log line, a database column or a
 * JSON document takes them as they are.
 */
public final class Labels {
    private Labels() {
    }

    /**
     * @param text the text
     * @param max  the most characters kept
     * @return the text cut to {@code max} characters, control characters and lone surrogates replaced by '?'
     */
    public static String printable(String text, int max) {
        String cut = text.length() > max ? text.substring(0, max) : text;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(
                Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE ? '?' : c));
        return out.toString();
    }
}
