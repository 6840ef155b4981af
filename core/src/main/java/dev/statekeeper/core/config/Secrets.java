package dev.statekeeper.core.config;

import java.util.regex.Pattern;

/** Masks secrets before anything is shown: passwords in URLs become {@code ****}. */
public final class Secrets {
    private static final Pattern URL_PASSWORD = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@?#]*):([^@/?#]*)@");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("([?&]password=)[^&]*", Pattern.CASE_INSENSITIVE);

    private Secrets() {
    }

    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(url).replaceFirst("$1:****@");
        return QUERY_PASSWORD.matcher(masked).replaceAll("$1****");
    }
}
