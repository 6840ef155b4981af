/**
 * The doctor: diagnostic checks of a store with seed 003's severities (P0 outage ... P3 minor), evidence, the
 * threshold each compared against, a runbook in every finding and a fix ({@code do} and {@code undo}) where there
 * is one. {@link dev.statekeeper.doctor.Doctor} runs them; {@link dev.statekeeper.doctor.DoctorReport} is the
 * result, with the stable JSON every interface prints.
 *
 * <h2>Adding a backend's checks (the SPI)</h2>
 * <ol>
 *   <li>Implement {@link dev.statekeeper.doctor.DoctorBackend} in a package of the backend
 *       ({@code dev.statekeeper.doctor.sqlite}, {@code dev.statekeeper.doctor.json}, and for PostgreSQL
 *       {@code dev.statekeeper.doctor.postgres}) and register it in
 *       {@code META-INF/services/dev.statekeeper.doctor.DoctorBackend}. The framework knows no backend by name.</li>
 *   <li>{@code connect} opens the doctor's one connection, never the store's pool, read-only, and reports it as
 *       the {@code connection} check: {@link dev.statekeeper.doctor.Connected#to} when the store answers,
 *       {@link dev.statekeeper.doctor.Connected#failed} with the {@code StatekeeperException} that says why it
 *       cannot be used (its error code decides: exit 5 for codes of exit status 5, "cannot be reached", else the
 *       store was reached and is damaged, exit 6).</li>
 *   <li>Each check implements {@link dev.statekeeper.doctor.Check}: a stable id, a title, whether it is
 *       {@linkplain dev.statekeeper.doctor.Check#cheap() cheap} (no table scan: {@code healthcheck} runs only
 *       those) and {@code run(handle, context)} returning a result built with
 *       {@link dev.statekeeper.doctor.CheckResult#of(dev.statekeeper.doctor.Check)}. Thresholds are settings
 *       ({@code dev.statekeeper.core.config.Setting}, read through the {@link dev.statekeeper.doctor.CheckContext}),
 *       each with a range, a default and a description, so that {@code config list}, {@code --help} and the README
 *       show them.</li>
 *   <li>A check that throws, or runs past {@link dev.statekeeper.doctor.CheckContext#checkTimeout()}, is reported
 *       as {@code error} and the rest still run; {@code interrupt} lets the backend stop its handle's work.</li>
 *   <li>{@code apply} runs the {@linkplain dev.statekeeper.doctor.Fix#safe() safe} fixes its checks offer
 *       ({@code doctor --fix}), on a writable connection of its own.</li>
 * </ol>
 * Every backend also gets the common checks of {@code dev.statekeeper.doctor.common} after its own:
 * {@code backup-age}, {@code backup-integrity}, and {@code migrations} (for a backend whose ops hooks have a
 * {@code Migrator}: SQLite and PostgreSQL), so a backend does not write those again.
 */
package dev.statekeeper.doctor;
