package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JavaType;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.internal.json.Json;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.EndpointMetadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One route of the API, declared where it is registered ({@code api.get("/loops").query("project", ...).to(...)}):
 * its method and path under {@link Api#BASE}, the query parameters it takes (any other is refused, see
 * {@link Params#only}) and whether an {@code If-Match} header sets the expected version of its write (on any other
 * route If-Match is refused, not ignored: {@link Api#checkIfMatch}), and what {@link OpenApi} says of it: its
 * {@link Doc}. Kept on the route's endpoints as metadata.
 */
record Route(HandlerType method, String path, Set<String> query, boolean ifMatch, Set<String> repeatable, Doc doc)
        implements EndpointMetadata {
    Route {
        query = Set.copyOf(query);
        repeatable = Set.copyOf(repeatable);
    }

    /**
     * What a route takes and answers, as the OpenAPI document shows it: a summary, the types of its query parameters
     * that are enums (the others are text, but {@code limit} and {@code offset}, which {@link Params#paging} bounds),
     * those it requires, its body's type (null: none), its status on success and the type it answers with then (null:
     * no body), as the JSON mapper writes them.
     */
    record Doc(String summary, Map<String, Class<?>> choices, Set<String> required, JavaType body, int status,
               JavaType response) {
        Doc {
            choices = Map.copyOf(choices);
            required = Set.copyOf(required);
        }
    }

    /** A route being declared: no query parameters and no If-Match until said otherwise, then its handler. */
    static final class Declaration {
        private final BiConsumer<Route, Handler> register;
        private final Route route;

        Declaration(BiConsumer<Route, Handler> register, HandlerType method, String path) {
            this(register, new Route(method, path, Set.of(), false, Set.of(),
                    new Doc("", Map.of(), Set.of(), null, 200, null)));
        }

        private Declaration(BiConsumer<Route, Handler> register, Route route) {
            this.register = register;
            this.route = route;
        }

        private Declaration with(Set<String> query, boolean ifMatch, Set<String> repeatable, Doc doc) {
            return new Declaration(register, new Route(route.method, route.path, query, ifMatch, repeatable, doc));
        }

        private Declaration doc(Doc doc) {
            return with(route.query, route.ifMatch, route.repeatable, doc);
        }

        /** The query parameters the route takes. */
        Declaration query(String... names) {
            return with(Set.of(names), route.ifMatch, route.repeatable, route.doc);
        }

        /** Query parameters (of those it takes) that may be given more than once ({@code ?check=a&check=b}). */
        Declaration repeatable(String... names) {
            return with(route.query, route.ifMatch, Set.of(names), route.doc);
        }

        /** An If-Match header sets the expected version of the write (the handler reads it: {@link Params#ifMatch}). */
        Declaration ifMatch() {
            return with(route.query, true, route.repeatable, route.doc);
        }

        /** What the route does, in a line. */
        Declaration summary(String summary) {
            Doc d = route.doc;
            return doc(new Doc(summary, d.choices, d.required, d.body, d.status, d.response));
        }

        /** A query parameter that takes the wire values of an enum ({@link Params#choice}). */
        Declaration choice(String name, Class<? extends Enum<?>> type) {
            Doc d = route.doc;
            Map<String, Class<?>> choices = new LinkedHashMap<>(d.choices);
            choices.put(name, type);
            return doc(new Doc(d.summary, choices, d.required, d.body, d.status, d.response));
        }

        /** Query parameters the route requires ({@link Params#required}). */
        Declaration required(String... names) {
            Doc d = route.doc;
            return doc(new Doc(d.summary, d.choices, Set.of(names), d.body, d.status, d.response));
        }

        /** The type its JSON body is read as. */
        Declaration body(Class<?> type) {
            Doc d = route.doc;
            return doc(new Doc(d.summary, d.choices, d.required, type(type), d.status, d.response));
        }

        /** Its status on success and the type of the body it answers with then. */
        Declaration answers(int status, Class<?> type) {
            Doc d = route.doc;
            return doc(new Doc(d.summary, d.choices, d.required, d.body, status, type(type)));
        }

        /** 200 with a {@link Page} of the type. */
        Declaration answersPage(Class<?> type) {
            Doc d = route.doc;
            return doc(new Doc(d.summary, d.choices, d.required, d.body, 200,
                    Json.mapper().getTypeFactory().constructParametricType(Page.class, type)));
        }

        /** 200 with {@code {"items": [...]}} of the type ({@link Api#items}). */
        Declaration answersItems(Class<?> type) {
            Doc d = route.doc;
            return doc(new Doc(d.summary, d.choices, d.required, d.body, 200, Json.mapper().getTypeFactory()
                    .constructParametricType(Items.class, type)));
        }

        /** 204 without a body. */
        Declaration answersNothing() {
            Doc d = route.doc;
            return doc(new Doc(d.summary, d.choices, d.required, d.body, 204, null));
        }

        /** Registers the route with its handler. */
        void to(Handler handler) {
            register.accept(route, handler);
        }

        private static JavaType type(Class<?> type) {
            return Json.mapper().constructType(type);
        }
    }

    /** The shape {@link Api#items} answers with. */
    record Items<T>(List<T> items) {
    }
}
