package dev.statekeeper.core.internal.oplog;

/** A store that can keep the operation log in itself. */
public interface OperationLogBacked {
    /** @return the store's operation-log storage, usable while the store is open */
    OperationLogStorage operationLogStorage();
}
