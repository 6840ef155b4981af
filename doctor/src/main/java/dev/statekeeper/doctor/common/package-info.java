/**
 * The checks every backend gets ({@code backup-age}, {@code backup-integrity}, {@code migrations}) and what
 * several backends' checks share (the free space of a file system, what kind of file is at a path).
 */
package dev.statekeeper.doctor.common;
