/**
 * The doctor benchmark: {@code statekeeper doctor} and {@code healthcheck} on a SQLite file and a PostgreSQL
 * database filled with N loops, the duration of each run and of each check, and the SQL statements they send
 * ({@link dev.statekeeper.bench.doctor.DoctorBench}).
 */
package dev.statekeeper.bench.doctor;
