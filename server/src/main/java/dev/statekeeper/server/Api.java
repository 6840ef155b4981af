package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.Via;
import dev.statekeeper.core.perf.RequestTag;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.security.Roles;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * What the resource routes share: the store, the route table, and the response shapes. Each route is declared
 * once ({@link Route}): its query parameters are checked before its handler runs, and every write goes through
 * {@link Idempotency}, so each accepts an {@code Idempotency-Key}. Every handler runs under the request's
 * {@link Origin} (through HTTP, by the {@value #ACTOR} header's actor), which the events of its writes record.
 */
final class Api {
    static final String BASE = "/api/v1";
    /** The header naming who writes, recorded in the events of the request's writes. */
    static final String ACTOR = "X-Statekeeper-Actor";
    private static final Roles NO_ROLES = new Roles(Set.of());

    final StateStore store;
    private final RoutesConfig routes;
    private final Idempotency idempotency;
    /** The routes declared with {@link Route.Declaration#ifMatch()}, in the order they were registered. */
    private final List<Route> versioned = new CopyOnWriteArrayList<>();
    /** Every route, in the order it was registered (the OpenAPI document's). */
    private final List<Route> all = new CopyOnWriteArrayList<>();

    Api(StateStore store, RoutesConfig routes, Idempotency idempotency) {
        this.store = store;
        this.routes = routes;
        this.idempotency = idempotency;
    }

    /** A read, also for HEAD (the same status and headers, no body: Javalin's own HEAD would answer 200 unread). */
    Route.Declaration get(String path) {
        return new Route.Declaration(this::add, HandlerType.GET, path);
    }

    Route.Declaration post(String path) {
        return new Route.Declaration(this::add, HandlerType.POST, path);
    }

    Route.Declaration put(String path) {
        return new Route.Declaration(this::add, HandlerType.PUT, path);
    }

    Route.Declaration patch(String path) {
        return new Route.Declaration(this::add, HandlerType.PATCH, path);
    }

    Route.Declaration delete(String path) {
        return new Route.Declaration(this::add, HandlerType.DELETE, path);
    }

    /** Every route declared so far, in the order they were registered. */
    List<Route> routes() {
        return List.copyOf(all);
    }

    private void add(Route route, Handler handler) {
        all.add(route);
        if (route.ifMatch()) {
            versioned.add(route);
        }
        Handler checked = ctx -> {
            Params.only(ctx, route.query(), route.repeatable());
            tagged(ctx, handler);
        };
        if (route.method().equals(HandlerType.GET)) {
            endpoint(route, HandlerType.GET, originated(checked));
            endpoint(route, HandlerType.HEAD, originated(checked));
        } else {
            endpoint(route, route.method(), originated(idempotency.wrap(checked)));
        }
    }

    /**
     * Runs the handler under the request's {@link Origin}: through HTTP, by the actor the {@value #ACTOR} header names
     * (none without it), so the events of its writes say who wrote. The header holds 1-{@value Origin#MAX_ACTOR}
     * visible characters (letters, digits, punctuation and spaces between them), else the request is refused.
     */
    @SuppressWarnings("try") // the scope is opened for its effect on the thread
    private static Handler originated(Handler handler) {
        return ctx -> {
            try (Origin.Scope scope = Origin.of(Via.HTTP, actor(ctx)).open()) {
                handler.handle(ctx);
            }
        };
    }

    /** The {@value #ACTOR} header, checked, or null when it is not sent. */
    static String actor(Context ctx) {
        String actor = ctx.header(ACTOR);
        if (actor == null) {
            return null;
        }
        if (actor.isEmpty() || actor.length() > Origin.MAX_ACTOR || actor.isBlank()
                || actor.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x7f)) {
            throw HttpFailure.badHeader(ACTOR, actor, "must be 1-" + Origin.MAX_ACTOR
                    + " visible characters naming who writes, such as a user or an agent");
        }
        return actor.strip();
    }

    /**
     * The {@code Link: <...>; rel="next"} header (RFC 8288) of a page: the request's path and query with the
     * parameter {@code name} set to {@code value}.
     */
    static void next(Context ctx, String name, long value) {
        StringBuilder link = new StringBuilder(ctx.req().getRequestURI()).append('?');
        ctx.queryParamMap().forEach((param, values) -> {
            if (!param.equals(name)) {
                values.forEach(v -> link.append(segment(param)).append('=').append(segment(v)).append('&'));
            }
        });
        link.append(name).append('=').append(value);
        ctx.header("Link", "<" + link + ">; rel=\"next\"");
    }

    /** Runs the handler with the thread tagged with the request's id, so a slow operation it runs records it. */
    @SuppressWarnings("try") // the tag is opened for its effect on the thread
    private static void tagged(Context ctx, Handler handler) throws Exception {
        try (RequestTag tag = RequestTag.open(RequestLog.id(ctx))) {
            handler.handle(ctx);
        }
    }

    private void endpoint(Route route, HandlerType method, Handler handler) {
        routes.addEndpoint(Endpoint.create(method, BASE + route.path()).addMetadata(NO_ROLES).addMetadata(route)
                .handler(handler));
    }

    /**
     * Refuses an If-Match header on a matched endpoint whose {@link Route} does not take it (before its handler), so a
     * version sent where none is checked is not silently ignored. The message lists the routes that take it, as
     * they were declared.
     */
    void checkIfMatch(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (ctx.header("If-Match") == null || endpoint == null) {
            return;
        }
        Route route = endpoint.metadata(Route.class);
        if (route == null || !route.ifMatch()) {
            throw HttpFailure.badHeader("If-Match", ctx.header("If-Match"), "this route does not take a version; "
                    + "If-Match is honoured by " + versioned.stream().map(r -> r.method().name() + " " + BASE + r.path())
                            .collect(Collectors.joining(", ")));
        }
    }

    /** A record with its version as a strong ETag, so the client can send it back in If-Match. */
    static void versioned(Context ctx, int status, Object body, long version) {
        ctx.header("ETag", Params.etag(version)).status(status).json(body);
    }

    static void created(Context ctx, String location, Object body) {
        ctx.header("Location", BASE + location).status(201).json(body);
    }

    /**
     * A page of a list, with {@code Link: <...>; rel="next"} (RFC 8288) when items follow it: the request's path and
     * query with {@code offset} moved past this page.
     */
    static void page(Context ctx, Page<?> page) {
        int next = page.offset() + page.items().size();
        if (!page.items().isEmpty() && next < page.total()) {
            next(ctx, "offset", next);
        }
        ctx.json(page);
    }

    static void items(Context ctx, List<?> items) {
        ctx.json(Map.of("items", items));
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
