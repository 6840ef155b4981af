/**
 * Verify, repair and recover the json backend's file as a JSON tree: the model's rules on every record, repairs
 * written atomically under the store's lock, and a streaming salvage that keeps every complete record of a
 * truncated file.
 */
package dev.statekeeper.ops.json;
