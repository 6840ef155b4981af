package dev.statekeeper.core.domain;

import java.util.Locale;

/**
 * Spec names: the normalized title (lower case; spaces and underscores to '-'; only [a-z0-9-]; runs of
 * '-' collapsed; leading and trailing '-' trimmed). "User Auth_Service!" becomes "user-auth-service".
 */
public final class SpecName {
    public static final int MAX = 255;

    private SpecName() {
    }

    public static String normalize(String title) {
        if (title == null) {
            return "";
        }
        String lower = title.trim().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == ' ' || c == '_' || c == '-' || Character.isWhitespace(c)) {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != '-') {
                    out.append('-');
                }
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '-') {
            end--;
        }
        return out.substring(0, end);
    }
}
