package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.internal.config.Secrets;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A DATABASE_URL of the form {@code postgresql://user:pass@host:port/db?sslmode=...} (or {@code postgres://}),
 * taken apart for the JDBC driver: {@link #jdbcUrl()} holds host, port and database only, the user, password
 * and query parameters travel as {@link #properties()}. {@link #toString()} masks the password.
 *
 * @param host       host name or address ({@code [::1]} for IPv6), localhost when omitted
 * @param port       5432 when omitted
 * @param database   the database name
 * @param user       the user, or null for the driver's default
 * @param password   the password, or null
 * @param parameters the query parameters in order (sslmode, sslrootcert, ...)
 */
public record PostgresUrl(String host, int port, String database, String user, String password,
                          Map<String, String> parameters) {
    private static final int DEFAULT_PORT = 5432;
    /** libpq's names of parameters that the JDBC driver spells differently. */
    private static final Map<String, String> DRIVER_NAMES = Map.of("application_name", "ApplicationName",
            "connect_timeout", "connectTimeout");

    public PostgresUrl {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Parses a DATABASE_URL; a malformed one is CONFIG_INVALID naming the (masked) value and the problem. */
    public static PostgresUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid(null, "is required for the postgres backend (postgresql://user:pass@host:port/db)");
        }
        try {
            return parse(url, new URI(url.trim()));
        } catch (URISyntaxException e) {
            throw invalid(url, "is not a valid URL (" + e.getReason() + ")");
        } catch (IllegalArgumentException e) {
            throw invalid(url, "has a malformed %-escape");
        }
    }

    private static PostgresUrl parse(String url, URI uri) {
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw invalid(url, "must start with postgresql:// or postgres://");
        }
        String beforeQuery = url.split("[?#]", 2)[0];
        if (uri.getRawFragment() != null || beforeQuery.indexOf('@') != beforeQuery.lastIndexOf('@')
                || uri.getRawPath() != null && uri.getRawPath().indexOf('@') >= 0) {
            throw invalid(url, "does not read as user:password@host:port/db: a password (or user) that holds @ / # ? : "
                    + "or % must have them percent-encoded (@ as %40, / as %2F, # as %23, ? as %3F, : as %3A, % as %25)");
        }
        if (uri.getRawAuthority() != null && uri.getHost() == null) {
            throw invalid(url, "has no valid host (postgresql://user:pass@host:port/db)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty()) {
            throw invalid(url, "names no database (postgresql://user:pass@host:port/db)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        return new PostgresUrl(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database, user, password,
                query(uri.getRawQuery()));
    }

    /** {@code jdbc:postgresql://host:port/db}: no credentials, no parameters. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** {@code host:port}, as connection errors name the server. */
    public String server() {
        return host + ":" + port;
    }

    /** User, password and the URL's query parameters as driver properties. */
    public Properties properties() {
        Properties properties = new Properties();
        parameters.forEach((k, v) -> properties.setProperty(DRIVER_NAMES.getOrDefault(k, k), v));
        if (user != null && !user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /** The URL with the password shown as {@code ****}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("postgresql://");
        if (user != null) {
            out.append(user).append(password == null ? "" : ":****").append('@');
        }
        out.append(server()).append('/').append(database);
        if (!parameters.isEmpty()) {
            out.append('?');
            parameters.forEach((k, v) -> out.append(out.charAt(out.length() - 1) == '?' ? "" : "&").append(k)
                    .append('=').append(k.equalsIgnoreCase("password") ? "****" : v));
        }
        return out.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (!pair.isEmpty()) {
                    String[] kv = pair.split("=", 2);
                    out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
                }
            }
        }
        return out;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static StatekeeperException invalid(String url, String rule) {
        return StatekeeperException.invalid(ErrorCode.CONFIG_INVALID, "settings",
                List.of(new Violation(Setting.DATABASE_URL.variable(), Secrets.maskUrl(url), rule)));
    }
}
