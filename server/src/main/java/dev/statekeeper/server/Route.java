package dev.statekeeper.server;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.EndpointMetadata;

import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One route of the API, declared where it is registered ({@code api.get("/loops").query("project", ...).to(...)}):
 * its method and path under {@link Api#BASE}, the query parameters it takes (any other is refused, see
 * {@link Params#only}) and whether an {@code If-Match} header sets the expected version of its write (on any other
 * route If-Match is refused, not ignored: {@link Api#checkIfMatch}). Kept on the route's endpoints as metadata.
 */
record Route(HandlerType method, String path, Set<String> query, boolean ifMatch, Set<String> repeatable)
        implements EndpointMetadata {
    Route {
        query = Set.copyOf(query);
        repeatable = Set.copyOf(repeatable);
    }

    /** A route being declared: no query parameters and no If-Match until said otherwise, then its handler. */
    static final class Declaration {
        private final BiConsumer<Route, Handler> register;
        private final Route route;

        Declaration(BiConsumer<Route, Handler> register, HandlerType method, String path) {
            this(register, new Route(method, path, Set.of(), false, Set.of()));
        }

        private Declaration(BiConsumer<Route, Handler> register, Route route) {
            this.register = register;
            this.route = route;
        }

        /** The query parameters the route takes. */
        Declaration query(String... names) {
            return new Declaration(register, new Route(route.method, route.path, Set.of(names), route.ifMatch,
                    route.repeatable));
        }

        /** Query parameters (of those it takes) that may be given more than once ({@code ?check=a&check=b}). */
        Declaration repeatable(String... names) {
            return new Declaration(register, new Route(route.method, route.path, route.query, route.ifMatch,
                    Set.of(names)));
        }

        /** An If-Match header sets the expected version of the write (the handler reads it: {@link Params#ifMatch}). */
        Declaration ifMatch() {
            return new Declaration(register, new Route(route.method, route.path, route.query, true, route.repeatable));
        }

        /** Registers the route with its handler. */
        void to(Handler handler) {
            register.accept(route, handler);
        }
    }
}
