package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the resource routes share: the store, the route table, and the response shapes. Every write goes
 * through {@link Idempotency}, so each accepts an {@code Idempotency-Key}.
 */
final class Api {
    static final String BASE = "/api/v1";

    final StateStore store;
    private final RoutesConfig routes;
    private final Idempotency idempotency;

    Api(StateStore store, RoutesConfig routes, Idempotency idempotency) {
        this.store = store;
        this.routes = routes;
        this.idempotency = idempotency;
    }

    /** A read, also for HEAD (the same status and headers, no body: Javalin's own HEAD would answer 200 unread). */
    void get(String path, Handler handler) {
        routes.get(BASE + path, handler);
        routes.head(BASE + path, handler);
    }

    void post(String path, Handler handler) {
        routes.post(BASE + path, idempotency.wrap(handler));
    }

    void put(String path, Handler handler) {
        routes.put(BASE + path, idempotency.wrap(handler));
    }

    void patch(String path, Handler handler) {
        routes.patch(BASE + path, idempotency.wrap(handler));
    }

    void delete(String path, Handler handler) {
        routes.delete(BASE + path, idempotency.wrap(handler));
    }

    /** A record with its version as a strong ETag, so the client can send it back in If-Match. */
    static void versioned(Context ctx, int status, Object body, long version) {
        ctx.header("ETag", Params.etag(version)).status(status).json(body);
    }

    static void created(Context ctx, String location, Object body) {
        ctx.header("Location", BASE + location).status(201).json(body);
    }

    static void items(Context ctx, List<?> items) {
        ctx.json(Map.of("items", items));
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
