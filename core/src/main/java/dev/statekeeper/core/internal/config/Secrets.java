package dev.statekeeper.core.internal.config;

import java.util.regex.Pattern;

/** Masks secrets before anything is shown: passwords in URLs and connection strings become {@code ****}. */
public final class Secrets {
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:/{0,2}");
    private static final Pattern KEYWORD_PASSWORD =
            Pattern.compile("((?:ssl)?password\\s*=\\s*)('[^']*'|[^&\\s]*)", Pattern.CASE_INSENSITIVE);

    private Secrets() {
    }

    /**
     * The URL with the password of its user info ({@code scheme://user:PASSWORD@host}, up to the last
     * {@code @}, so a password holding '@', '/' or '#' is masked whole) and every {@code password=} or
     * {@code sslpassword=} value (query parameters or libpq key=value words) replaced by {@code ****}.
     *
     * @param url a URL or connection string, or null
     * @return it masked, or null
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = url;
        var scheme = SCHEME.matcher(url);
        int at = url.lastIndexOf('@');
        if (scheme.find() && at > scheme.end()) {
            String userInfo = url.substring(scheme.end(), at);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                masked = url.substring(0, scheme.end()) + userInfo.substring(0, colon) + ":****" + url.substring(at);
            }
        }
        return KEYWORD_PASSWORD.matcher(masked).replaceAll("$1****");
    }
}
