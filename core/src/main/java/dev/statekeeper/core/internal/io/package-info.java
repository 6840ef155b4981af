/**
 * Files: what Statekeeper creates to hold records is private to its owner ({@link dev.statekeeper.core.internal.io.OwnerOnly}),
 * a file is replaced whole or not at all ({@link dev.statekeeper.core.internal.io.AtomicFiles}), and a failed file operation
 * is read one way everywhere ({@link dev.statekeeper.core.internal.io.IoErrors}).
 */
package dev.statekeeper.core.internal.io;
