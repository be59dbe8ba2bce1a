package dev.slipway.ingest.api;

import dev.slipway.platform.api.ApiError;
import dev.slipway.ingest.domain.InvalidInputException;
import dev.slipway.ingest.messaging.DeliveryRejected;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors become JSON answers that say what is wrong. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return json(400, new ApiError(e.getMessage(), e.field()));
    }

    @ServerExceptionMapper
    public Response rejected(DeliveryRejected e) {
        return json(e.httpStatus(), ApiError.of(e.getMessage()));
    }

    static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
