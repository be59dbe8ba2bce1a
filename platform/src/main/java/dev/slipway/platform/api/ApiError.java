package dev.slipway.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The body of every error answer of every service: {@code {"error": "...", "field": "..."}}, saying what is
 * wrong and, for bad input, which field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String field) {

    public static ApiError of(String error) {
        return new ApiError(error, null);
    }

    public static WebApplicationException badRequest(String error) {
        return answer(Response.Status.BAD_REQUEST, error);
    }

    /** Bad input in a named field (a path parameter, a body property). */
    public static WebApplicationException badRequest(String error, String field) {
        return new WebApplicationException(error, Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(error, field)).build());
    }

    public static WebApplicationException notFound(String error) {
        return answer(Response.Status.NOT_FOUND, error);
    }

    public static WebApplicationException answer(Response.Status status, String error) {
        return new WebApplicationException(error, Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(of(error)).build());
    }
}
