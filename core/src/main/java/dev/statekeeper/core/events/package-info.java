/**
 * The change history: one {@link dev.statekeeper.core.events.StoreEvent} for every write, appended in the write's own
 * transaction (an event exists if and only if its change committed), numbered by a sequence that only grows, read
 * through {@link dev.statekeeper.core.events.EventLog} ({@code statekeeper events}, {@code GET /api/v1/events}, the
 * MCP tool {@code list_events}) and followed live ({@code --follow}, server-sent events, {@code loop wait}). Who
 * wrote is the {@link dev.statekeeper.core.events.Origin} the caller opened on its thread.
 */
package dev.statekeeper.core.events;
