package dev.statekeeper.server;

import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.core.internal.json.JsonProblem;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The errors Jetty answers itself, before a request reaches the API (a path whose percent-encoding is bad, such as
 * {@code %zz}, {@code %00} or the overlong {@code %c0%af}; a header too large), as the API's problem (code {@code bad-request}) instead
 * of an HTML page, without an {@code instance}: the path is what could not be read.
 */
final class JettyErrors extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        String reason = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        String text = status == 400
                ? "the request is malformed (" + JsonProblem.printable(reason) + "): check that its path is "
                        + "percent-encoded UTF-8 without control characters, and its headers are well-formed"
                : JsonProblem.printable(reason);
        String code = status == 400 ? "bad-request" : "http-" + status;
        byte[] body = Json.write(ApiError.body(status, code, text, Map.of(), null)).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ApiError.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
