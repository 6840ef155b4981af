/**
 * The in-process backend: {@link dev.statekeeper.core.internal.memory.MemoryStateStore} and one repository per concept.
 *
 * <p>Naming, the same in every backend: the storage of one concept is its {@code <Concept>Repository}
 * ({@code LoopRepository}, {@code SpecRepository}, {@code SessionRepository}; roadmaps and plans together in
 * {@code ProjectDocumentRepository}), as in {@code dev.statekeeper.jdbc.store}. A {@code *Record} is a line of the
 * archive format ({@code dev.statekeeper.core.archive}), a row is an entry of an SQL table.
 */
package dev.statekeeper.core.internal.memory;

