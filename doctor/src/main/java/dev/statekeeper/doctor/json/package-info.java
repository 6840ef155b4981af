/**
 * The doctor's checks of a json store: {@code connection}, {@code parse}, {@code file-size}, {@code disk-space}
 * and {@code lock}, reading the file and the kernel's lock table, never taking the store's lock.
 */
package dev.statekeeper.doctor.json;
