package dev.slipway.deploy.domain.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * deploy-service's side of the edge's admin API: the edge runs each environment's two slots and routes its URL
 * to the live one; this asks it to prepare a slot, switch, stop and remove. Request bodies carry decrypted
 * secrets in services' {@code env}, so they are never logged and errors never quote them.
 */
public final class EdgeClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI adminUrl;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public EdgeClient(URI adminUrl) {
        this.adminUrl = URI.create(adminUrl.toString().replaceFirst("/+$", "") + "/");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** What the edge runs for the environment; empty (no slots, nothing live) when it never heard of it. */
    public EdgeEnvironment environment(String app, String environment) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(envUri(app, environment, "")).GET(),
                "read " + app + "/" + environment);
        if (answer.statusCode() == 404) {
            return EdgeEnvironment.empty(app, environment);
        }
        return read(expectOk(answer, "read " + app + "/" + environment), EdgeEnvironment.class);
    }

    /** Stops whatever ran in the (not live) slot and starts the plan's services there. */
    public EdgeEnvironment.SlotView prepare(String app, String environment, String slot, SlotPlan plan) {
        String what = "prepare slot " + slot + " of " + app + "/" + environment + " with version " + plan.version();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(envUri(app, environment, "/slots/" + slot))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body(plan))), what);
        return read(expectOk(answer, what), EdgeEnvironment.SlotView.class);
    }

    /** Routes the environment's URL to the slot in one step; the previous slot stops after {@code retainPrevious}. */
    public EdgeEnvironment switchTo(String app, String environment, String slot, long version,
                                    Duration retainPrevious) {
        ObjectNode body = json.createObjectNode().put("slot", slot).put("version", version)
                .put("retainPrevious", retainPrevious.toString());
        String what = "switch " + app + "/" + environment + " to version " + version + " in slot " + slot;
        return read(expectOk(send(HttpRequest.newBuilder(envUri(app, environment, "/route"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())), what), what), EdgeEnvironment.class);
    }

    public void stop(String app, String environment, String slot) {
        String what = "stop slot " + slot + " of " + app + "/" + environment;
        expectOk(send(HttpRequest.newBuilder(envUri(app, environment, "/slots/" + slot)).DELETE(), what), what);
    }

    /** Stops both slots and removes the route: the environment's URL answers 404 afterwards. */
    public void remove(String app, String environment) {
        String what = "remove " + app + "/" + environment;
        expectOk(send(HttpRequest.newBuilder(envUri(app, environment, "")).DELETE(), what), what);
    }

    /** Where a slot answers as the environment would if it were live; for checks before the switch. */
    public URI previewUrl(String app, String environment, String slot) {
        return adminUrl.resolve("preview/" + app + "/" + environment + "/" + slot + "/");
    }

    private URI envUri(String app, String environment, String rest) {
        return adminUrl.resolve("environments/" + app + "/" + environment + rest);
    }

    private String body(SlotPlan plan) {
        ObjectNode body = json.createObjectNode().put("version", plan.version());
        if (plan.staticSite() == null) {
            body.putNull("static");
        } else {
            body.putObject("static").put("component", plan.staticSite().component())
                    .put("dir", plan.staticSite().dir().toString());
        }
        ArrayNode services = body.putArray("services");
        for (SlotPlan.Service s : plan.services()) {
            ObjectNode service = services.addObject().put("component", s.component()).put("route", s.route())
                    .put("run", s.run()).put("dir", s.dir().toString());
            ObjectNode env = service.putObject("env");
            s.env().forEach(env::put);
        }
        return body.toString();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EdgeException("cannot " + what + ": the edge at " + adminUrl + " does not answer (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgeException("interrupted while asking the edge to " + what, e);
        }
    }

    private String expectOk(HttpResponse<String> answer, String what) {
        if (answer.statusCode() == 200) {
            return answer.body();
        }
        throw new EdgeException(answer.statusCode(), "the edge refused to " + what + ": " + errorOf(answer));
    }

    private String errorOf(HttpResponse<String> answer) {
        try {
            JsonNode error = json.readTree(answer.body()).path("error");
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (JsonProcessingException e) {
            // not the edge's JSON error; fall through to the status
        }
        return "HTTP " + answer.statusCode();
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new EdgeException("the edge answered something unreadable as " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
