package dev.slipway.notify.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventCodec;
import dev.slipway.notify.persistence.Incident;
import dev.slipway.platform.api.ApiError;
import dev.slipway.platform.api.ListLimit;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Incident reports of rollbacks (US5), newest first; read-only. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    @GET
    @Transactional
    public List<IncidentSummary> list(@QueryParam("app") String app, @QueryParam("environment") String environment,
                                      @QueryParam("limit") String limit) {
        return Incident.newest(blankToNull(app), blankToNull(environment), ListLimit.parse(limit)).stream()
                .map(IncidentSummary::of).toList();
    }

    @GET
    @Path("{id}")
    @Transactional
    public IncidentView incident(@PathParam("id") String id) {
        long number;
        try {
            number = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("an incident id is a whole number, got '" + id + "'");
        }
        Incident i = Incident.<Incident>findByIdOptional(number)
                .orElseThrow(() -> ApiError.notFound("no incident " + number));
        return new IncidentView(i.id, i.app, i.environment, i.status, i.restored, i.fromVersion, i.toVersion,
                i.trigger, i.reason, i.failure, i.rollbackEventId, i.rolledBackAt, i.openedAt, i.reportDueAt,
                i.reportedAt, i.reportError, report(i), i.reportText);
    }

    private static JsonNode report(Incident incident) {
        if (incident.report == null) {
            return null;
        }
        try {
            return EventCodec.json().readTree(incident.report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored report of incident #" + incident.id + " is not JSON", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
