package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** deploy-service's API as the commands read it; every error says what to do (exit code 3: nothing there). */
final class DeployApi {
    private final Http http;
    private final String base;

    DeployApi(Http http, String base) {
        this.http = http;
        this.base = base.replaceAll("/+$", "");
    }

    Http http() {
        return http;
    }

    String base() {
        return base;
    }

    String app(String app) {
        return base + "/api/apps/" + Http.segment(app);
    }

    String environmentUrl(String app, String environment) {
        return environmentUrl(base, app, environment);
    }

    /** {@code <deploy-service>/api/apps/{app}/environments/{environment}}, each name percent-encoded. */
    static String environmentUrl(String base, String app, String environment) {
        return base.replaceAll("/+$", "") + "/api/apps/" + Http.segment(app) + "/environments/" + Http.segment(environment);
    }

    /** {@code GET /api/apps/{app}/environments}. */
    JsonNode environments(String app) {
        Http.Answer answer = http.get(app(app) + "/environments");
        if (answer.status() == 404) {
            throw new CliException("no deployments of '" + app + "' yet: " + answer.message()
                    + " (push to a branch its slipway.yml maps, or check the name)", 3);
        }
        if (answer.status() != 200) {
            throw new CliException("deploy-service answered " + answer.status() + ": " + answer.message());
        }
        return answer.json();
    }

    /** One environment of {@link #environments}. */
    JsonNode environment(String app, String environment) {
        JsonNode all = environments(app);
        List<String> names = new ArrayList<>();
        for (JsonNode env : all) {
            if (env.path("environment").asText().equals(environment)) {
                return env;
            }
            names.add(env.path("environment").asText());
        }
        throw new CliException(app + " has no environment '" + environment + "'; it has " + String.join(", ", names), 3);
    }

    /** {@code GET /api/apps/{app}/deployments?environment=&limit=}, newest first. */
    JsonNode deployments(String app, String environment, int limit) {
        StringBuilder url = new StringBuilder(app(app)).append("/deployments?limit=").append(limit);
        if (environment != null) {
            url.append("&environment=").append(Http.segment(environment));
        }
        Http.Answer answer = http.get(url.toString());
        if (answer.status() == 404) {
            throw new CliException(answer.message(), 3);
        }
        if (answer.status() != 200) {
            throw new CliException("deploy-service answered " + answer.status() + ": " + answer.message());
        }
        return answer.json();
    }

    /** The first 7 characters of a commit SHA, as people read it; "-" for none. */
    static String shortSha(String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(7, sha.length()));
    }
}
