/**
 * The operator layer above the backends: {@link dev.statekeeper.ops.Ops#verify verify},
 * {@link dev.statekeeper.ops.Ops#repair repair} and {@link dev.statekeeper.ops.Ops#recover recover} a store from
 * where the settings say it is, with connections and file access of their own (a damaged store cannot be opened as
 * a {@code StateStore}). Findings, repairs and recoveries are values ({@link dev.statekeeper.ops.Finding},
 * {@link dev.statekeeper.ops.VerifyReport}, {@link dev.statekeeper.ops.RepairReport},
 * {@link dev.statekeeper.ops.RecoverReport}); one package per backend does the work behind its
 * {@link dev.statekeeper.ops.BackendOps} (found with {@code ServiceLoader}), and {@code sql} holds the checks and
 * repairs SQLite and PostgreSQL share.
 */
package dev.statekeeper.ops;
