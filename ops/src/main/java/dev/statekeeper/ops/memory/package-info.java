/** The memory backend's operator hooks, which have nothing to do: its state lives only in the process that holds it. */
package dev.statekeeper.ops.memory;
