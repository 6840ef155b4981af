/**
 * Files Statekeeper creates to hold records: private to their owner ({@link dev.statekeeper.core.io.OwnerOnly}).
 */
package dev.statekeeper.core.io;
