/**
 * {@code statekeeper db maintain}: the seeds' routine maintenance of a store (SQLite optimize, ANALYZE, WAL
 * checkpoint, VACUUM when the free list is large; PostgreSQL {@code VACUUM (ANALYZE)}; the json store's backups
 * compacted), each run recorded in a maintenance log that the doctor's {@code maintenance-age} check reads.
 */
package dev.statekeeper.doctor.maintain;
