package dev.statekeeper.core.events;

import java.time.Duration;
import java.util.Optional;

/**
 * The Idempotency-Keys of the writes made under an {@link Origin} that carried one, kept in the store itself so that
 * every server on one database answers a retry the same way. A write's key is stored in the write's own transaction
 * (so a key exists if and only if its write committed); the response is kept after it, by the server that answered. They are kept as long as events are
 * (STATEKEEPER_EVENTS_RETENTION), and pruned with them ({@link EventLog#prune}).
 * Thread-safe.
 */
public interface RequestKeys {
    /**
     * @param key an Idempotency-Key
     * @return the write made with it, if one committed and was not pruned yet
     */
    Optional<KeptRequest> find(String key);

    /**
     * Keeps the response given to the write made with the key, for a retry to replay; does nothing if the key is not
     * stored (pruned meanwhile). A response already kept is not replaced.
     *
     * @param key      the key
     * @param response the response
     */
    void keepResponse(String key, KeptRequest.Response response);
}
