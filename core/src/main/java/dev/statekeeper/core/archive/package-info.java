/**
 * Export and import of a whole store, the same for every backend: the records ({@link
 * dev.statekeeper.core.archive.ArchiveRecord}, one per kind of {@link dev.statekeeper.core.archive.RecordKind}) and
 * the backends' side ({@link dev.statekeeper.core.archive.Archive}, from
 * {@link dev.statekeeper.core.api.StateStore#archive()}), which the JSON Lines export format, import with
 * validation, copy, verify and backups ({@code db export}, {@code db import}, {@code db copy}, {@code db verify},
 * {@code db backup}, {@code db restore}) are built on.
 *
 * <p>An export file is a header line, one line per record (its {@code kind} first, kinds in {@link
 * dev.statekeeper.core.archive.RecordKind} order) and a trailer line with the number of records of each kind and
 * the SHA-256 of the record lines. Reading one back is strict: an unknown or missing field, a truncated file or a
 * changed checksum is refused.
 *
 * <p>Format version 2 adds the store's change history after every other record: one {@link
 * dev.statekeeper.core.archive.EventRecord} per event in sequence order, then one {@link
 * dev.statekeeper.core.archive.EventSequenceRecord} with the newest sequence given (when any was). A version 1 export
 * (no history) still imports. Loading replaces the target's history with the export's (replace, or a merge into a
 * store whose history is empty); a merge into a store with its own history keeps that history and leaves the
 * export's events out, since their numbers would collide. Request keys (a server's memory of the retries it
 * answered) are never exported, and a load leaves the target's as they are.
 *
 * <p>Naming: a {@code *Record} ({@code LoopRecord}, {@code SpecRecord}...) is one line of the archive format and
 * nothing else. The JSON backend's numbered copies beside its file are {@code dev.statekeeper.json.BackupRotation},
 * not portable backups.
 */
package dev.statekeeper.core.archive;
