package dev.statekeeper.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer TOKEN} against the configured token in constant time: both are hashed
 * first, so neither the content nor the length of the token leaks through timing. The token itself is kept
 * only as its hash and never logged.
 */
final class BearerAuth {
    static final String CHALLENGE = "Bearer realm=\"statekeeper\"";

    private final byte[] expected;

    BearerAuth(String token) {
        this.expected = sha256(token);
    }

    /** Null when the header carries the token, else why not (for the 401 message). */
    String problem(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "this API requires a bearer token: send 'Authorization: Bearer TOKEN' with the server's "
                    + "STATEKEEPER_API_TOKEN";
        }
        if (authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "the Authorization header must be 'Bearer TOKEN'";
        }
        return MessageDigest.isEqual(expected, sha256(authorization.substring(7).trim())) ? null
                : "the bearer token is not valid";
    }

    /** The WWW-Authenticate value for a refused request (RFC 6750). */
    static String challenge(String authorization) {
        return authorization == null ? CHALLENGE : CHALLENGE + ", error=\"invalid_token\"";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
