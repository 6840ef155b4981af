package dev.statekeeper.ops;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * The checks of {@code db verify}, one per kind of problem a {@link Finding} reports. Each has a stable wire
 * name ({@code orphans}, {@code feedback-count}, ...): the {@code check} of a finding in {@code --json} output.
 */
public enum Check {
    /** The store's file exists and can be read as what it should be. */
    FILE,
    /** The schema: its tables, its version and the applied migrations against this build's. */
    SCHEMA,
    /** SQLite's {@code PRAGMA integrity_check}: damaged pages and indexes. */
    INTEGRITY,
    /** SQLite's {@code PRAGMA foreign_key_check}, for the foreign keys {@link #ORPHANS} does not cover. */
    FOREIGN_KEYS,
    /** Whether the checks of the migrations and records could run at all. */
    RECORDS,
    /** Rows or records whose parent is gone. */
    ORPHANS,
    /** Values out of their range: scores, iterations, versions, statuses and types, documents. */
    VALUES,
    /** A loop's feedback count and the numbering of its feedback entries. */
    FEEDBACK_COUNT,
    /** More active-loop history entries than STATEKEEPER_LOOP_HISTORY_SIZE. */
    HISTORY,
    /** A spec whose current version is missing from its revisions. */
    REVISIONS,
    /** A project with specs but no roadmap. */
    ROADMAP,
    /**
     * The change history: its sequence numbers without gaps, the sequence counter at or past the newest event, each
     * record's version against its newest event, and deleted records whose history ends with their deletion.
     */
    EVENTS,
    /** A json store's record that appears more than once. */
    DUPLICATES,
    /** A json store's file parses as JSON. */
    JSON_SYNTAX,
    /** A json store's document: its format, version, generation, lists and the records' keys. */
    JSON_FORMAT,
    /** A json store's records as the json backend itself reads them. */
    JSON_MODEL;

    /** The check's name in findings: lower case with dashes, e.g. {@code feedback-count}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
