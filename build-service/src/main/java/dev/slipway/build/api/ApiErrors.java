package dev.slipway.build.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Errors answered as {@code {"error": "..."}}, the message saying what is wrong. */
final class ApiErrors {

    record ApiError(String error) {
    }

    private ApiErrors() {
    }

    static BadRequestException badRequest(String message) {
        return new BadRequestException(message, response(Response.Status.BAD_REQUEST, message));
    }

    static NotFoundException notFound(String message) {
        return new NotFoundException(message, response(Response.Status.NOT_FOUND, message));
    }

    private static Response response(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(message)).build();
    }
}
