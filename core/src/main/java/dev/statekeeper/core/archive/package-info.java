/**
 * Export and import of a whole store, the same for every backend: the records ({@link
 * dev.statekeeper.core.archive.ArchiveRecord}), the JSON Lines format ({@link dev.statekeeper.core.archive.ArchiveWriter},
 * {@link dev.statekeeper.core.archive.ArchiveReader}), the backends' side ({@link dev.statekeeper.core.archive.Archive})
 * and what is built on them: import with validation, copy, verify and backups.
 */
package dev.statekeeper.core.archive;
