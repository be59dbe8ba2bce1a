package dev.slipway.notify.api;

import dev.slipway.notify.persistence.Delivery;
import dev.slipway.notify.persistence.DeliveryAttempt;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Read-only delivery log, newest first, with every attempt. */
@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    @GET
    public List<DeliveryView> list(@QueryParam("app") String app, @QueryParam("limit") String limit) {
        List<Delivery> deliveries = Delivery.newest(app == null || app.isBlank() ? null : app, parseLimit(limit));
        Map<Long, List<DeliveryAttempt>> attempts = DeliveryAttempt.ofDeliveries(deliveries.stream().map(d -> d.id).toList())
                .stream().collect(Collectors.groupingBy(a -> a.deliveryId));
        return deliveries.stream().map(d -> new DeliveryView(d.id, d.eventId, d.eventType, d.app, d.environment,
                d.channel, d.status, d.text, d.lastError, d.createdAt, d.finishedAt,
                attempts.getOrDefault(d.id, List.of()).stream().map(a -> new DeliveryView.Attempt(a.attempt,
                        a.attemptedAt, a.httpStatus, a.responseExcerpt, a.latencyMs, a.error)).toList())).toList();
    }

    static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below with the same message as an out-of-range number
        }
        throw new BadRequestException(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + limit + "'"))
                .build());
    }
}
