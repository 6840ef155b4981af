package dev.statekeeper.core.archive;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.statekeeper.core.error.Checks;

/**
 * One record of an export: one line of the file, its {@code kind} first, then its fields in declaration order.
 * Each record names its key ({@link #key()}: what makes it unique among the records of its kind) and checks
 * itself with the rules of the domain ({@link #check}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LoopRecord.class, name = "loop"),
    @JsonSubTypes.Type(value = ObjectiveRecord.class, name = "objective"),
    @JsonSubTypes.Type(value = SpecRecord.class, name = "spec"),
    @JsonSubTypes.Type(value = SpecLinkRecord.class, name = "specLink"),
    @JsonSubTypes.Type(value = ActiveLoopRecord.class, name = "activeLoop"),
    @JsonSubTypes.Type(value = RoadmapRecord.class, name = "roadmap"),
    @JsonSubTypes.Type(value = PlanRecord.class, name = "plan"),
    @JsonSubTypes.Type(value = SessionRecord.class, name = "session"),
    @JsonSubTypes.Type(value = EventRecord.class, name = "event"),
    @JsonSubTypes.Type(value = EventSequenceRecord.class, name = "eventSequence")})
public sealed interface ArchiveRecord permits LoopRecord, ObjectiveRecord, SpecRecord, SpecLinkRecord,
        ActiveLoopRecord, RoadmapRecord, PlanRecord, SessionRecord, EventRecord, EventSequenceRecord {

    /**
     * The record's kind, written as its {@code kind} field.
     *
     * @return the kind, one per record type
     */
    @JsonIgnore
    RecordKind kind();

    /**
     * What identifies the record among those of its kind: a loop's id, a session's name, a roadmap's or plan's
     * project, the loop id of an objective, spec link or active-loop entry, for a spec its project and name
     * together, an event's sequence, and {@code lastSequence} for the one event sequence record.
     *
     * @return the key; an export or a store holds one record of a kind per key (null when its field is missing)
     */
    @JsonIgnore
    String key();

    /**
     * The record as messages name it: {@code loop 'ab12cd34'}, {@code spec 'auth' of project 'demo'}.
     *
     * @return the description, its kind and key in words
     */
    @JsonIgnore
    String describe();

    /**
     * Adds a violation for every rule of the domain the record breaks, the rules a store applies to what it is
     * given and those of a stored record (ids, versions and timestamps present and in range); fields are named as
     * in the file: {@code feedback[2].overallScore}. References to other records, kind order and duplicate keys
     * are checked by the import, which sees every line.
     *
     * @param checks collects the violations, each naming its field as the file does
     */
    void check(Checks checks);
}
