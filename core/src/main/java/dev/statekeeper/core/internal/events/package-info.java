/**
 * What every backend shares to keep the change history: the event a write makes ({@link
 * dev.statekeeper.core.internal.events.EventDraft}, built by {@link dev.statekeeper.core.internal.events.Changes}), the
 * wait for the next one ({@link dev.statekeeper.core.internal.events.EventSignal}) and the history kept in memory
 * ({@link dev.statekeeper.core.internal.events.EventJournal}) of the memory and json backends.
 */
package dev.statekeeper.core.internal.events;
