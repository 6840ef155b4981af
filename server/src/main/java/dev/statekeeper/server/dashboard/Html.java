package dev.statekeeper.server.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;

/**
 * A piece of HTML that is safe to send: the one place the dashboard escapes. {@link #of} fills a constant template's
 * {@code {}} holes, escaping every argument (text, numbers, anything) unless it already is {@code Html}, so stored
 * text can only ever appear as text: a {@code <script>} in a loop's project is shown, never run. Templates are
 * constants written in this package; nothing else becomes {@code Html} without passing through {@link #escape}.
 *
 * @param value the HTML text
 */
record Html(String value) {
    /** Nothing. */
    static final Html EMPTY = new Html("");

    Html {
        Objects.requireNonNull(value, "value");
    }

    /**
     * The template with each {@code {}} replaced by the next argument: an {@code Html} as it is, anything else
     * (null is "") escaped for text and attribute values alike.
     */
    static Html of(String template, Object... args) {
        StringBuilder out = new StringBuilder(template.length() + 16 * args.length);
        int from = 0;
        int arg = 0;
        for (int hole = template.indexOf("{}"); hole >= 0; hole = template.indexOf("{}", from)) {
            if (arg == args.length) {
                throw new IllegalArgumentException("more holes than arguments in: " + template);
            }
            out.append(template, from, hole);
            append(out, args[arg++]);
            from = hole + 2;
        }
        if (arg != args.length) {
            throw new IllegalArgumentException("more arguments than holes in: " + template);
        }
        return new Html(out.append(template, from, template.length()).toString());
    }

    /** The pieces one after the other. */
    static Html join(Collection<Html> pieces) {
        StringBuilder out = new StringBuilder();
        pieces.forEach(p -> out.append(p.value));
        return new Html(out.toString());
    }

    /** Each item rendered, one after the other. */
    static <T> Html each(Collection<T> items, Function<T, Html> render) {
        StringBuilder out = new StringBuilder();
        items.forEach(item -> out.append(render.apply(item).value));
        return new Html(out.toString());
    }

    /**
     * The text with {@code & < > " '} as character references, safe in element content and quoted attributes, and
     * each control character but tab, line feed and carriage return (invalid in HTML) as U+FFFD.
     */
    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String ref = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f ? "\uFFFD"
                        : null;
            };
            if (ref != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (ref != null) {
                    out.append(ref);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** A value for a URL's path segment or query: percent-encoded (then escaped where it is placed, as any text). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void append(StringBuilder out, Object arg) {
        if (arg instanceof Html html) {
            out.append(html.value);
        } else if (arg != null) {
            out.append(escape(arg.toString()));
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
