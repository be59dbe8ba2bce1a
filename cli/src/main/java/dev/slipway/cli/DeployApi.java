package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** deploy-service's API as the commands read it; every error says what to do (exit code 3: nothing there). */
final class DeployApi {
    private final String base;

    DeployApi(String base) {
        this.base = base.replaceAll("/+$", "");
    }

    String base() {
        return base;
    }

    String app(String app) {
        return base + "/api/apps/" + Http.segment(app);
    }

    String environmentUrl(String app, String environment) {
        return app(app) + "/environments/" + Http.segment(environment);
    }

    /** {@code GET /api/apps/{app}/environments}. */
    JsonNode environments(String app) {
        Http.Answer answer = Http.get(app(app) + "/environments");
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
        Http.Answer answer = Http.get(url.toString());
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
