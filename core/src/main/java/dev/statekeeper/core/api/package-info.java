/** The public API: {@link dev.statekeeper.core.api.StateStore} and how to open one. */
package dev.statekeeper.core.api;
