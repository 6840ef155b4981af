/**
 * Export and import of a whole store, the same for every backend: the records ({@link
 * dev.statekeeper.core.archive.ArchiveRecord}), the JSON Lines format ({@code ArchiveWriter},
 * {@code ArchiveReader}), the backends' side ({@link dev.statekeeper.core.archive.Archive})
 * and what is built on them: import with validation, copy, verify and backups.
 *
 * <p>Naming: a {@code *Record} ({@code LoopRecord}, {@code SpecRecord}...) is one line of the archive format and
 * nothing else; {@code ArchiveRecordChecks} holds the rules those records share. {@code BackupDirectory} is a
 * directory of portable backups (one {@code Backup} each); the JSON backend's numbered copies beside its file are
 * {@code dev.statekeeper.json.BackupRotation}. A backend stores a concept in a {@code <Concept>Repository}.
 */
package dev.statekeeper.core.archive;

import dev.statekeeper.core.internal.archive.Backup;
import dev.statekeeper.core.internal.archive.BackupDirectory;
