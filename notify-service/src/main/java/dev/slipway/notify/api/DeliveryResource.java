package dev.slipway.notify.api;

import dev.slipway.platform.api.ListLimit;
import dev.slipway.notify.persistence.Delivery;
import dev.slipway.notify.persistence.DeliveryAttempt;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Read-only delivery log, newest first, with every attempt. */
@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @GET
    public List<DeliveryView> list(@QueryParam("app") String app, @QueryParam("limit") String limit) {
        List<Delivery> deliveries = Delivery.newest(app == null || app.isBlank() ? null : app, ListLimit.parse(limit));
        Map<Long, List<DeliveryAttempt>> attempts = DeliveryAttempt.ofDeliveries(deliveries.stream().map(d -> d.id).toList())
                .stream().collect(Collectors.groupingBy(a -> a.deliveryId));
        return deliveries.stream().map(d -> new DeliveryView(d.id, d.eventId, d.eventType, d.app, d.environment,
                d.channel, d.channelType, d.status, d.subject, d.text, d.lastError, d.occurredAt, d.createdAt,
                d.finishedAt, d.incidentId,
                attempts.getOrDefault(d.id, List.of()).stream().map(a -> new DeliveryView.Attempt(a.attempt,
                        a.attemptedAt, a.httpStatus, a.responseExcerpt, a.latencyMs, a.error)).toList())).toList();
    }
}
