package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each environment of an app: live version, commit, state and URL.")
class StatusCommand implements Runnable {

    @Parameters(paramLabel = "<app>")
    String app;

    @Option(names = "--output", defaultValue = "human", description = "human or json")
    OutputFormat output;

    @Override
    public void run() {
        Http.Answer answer = Http.get(Endpoints.deploy() + "/api/apps/" + app + "/environments");
        if (answer.status() == 404) {
            throw new CliException("no deployments of '" + app + "' yet: " + answer.message(), 3);
        }
        if (answer.status() != 200) {
            throw new CliException("deploy-service answered " + answer.status() + ": " + answer.message());
        }
        JsonNode environments = answer.json();
        if (output == OutputFormat.json) {
            System.out.println(environments.toPrettyString());
        } else {
            print(app, environments, System.out);
        }
    }

    static void print(String app, JsonNode environments, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"ENVIRONMENT", "VERSION", "COMMIT", "STATE", "URL"});
        for (JsonNode env : environments) {
            JsonNode live = env.path("live");
            JsonNode latest = env.path("latest");
            String state = live.isMissingNode() || live.isNull() ? "never deployed" : state(live);
            if (env.path("pinned").hasNonNull("reason")) {
                state += ", PINNED: " + env.get("pinned").get("reason").asText();
            }
            JsonNode running = env.path("running");
            if (running.hasNonNull("version")) {
                state += ", deploying v" + running.get("version").asText();
            }
            List<String> waiting = new ArrayList<>();
            env.path("queued").forEach(q -> waiting.add("v" + q.path("version").asText()));
            if (!waiting.isEmpty()) {
                state += ", waiting " + String.join(" ", waiting);
            }
            boolean latestShown = running.hasNonNull("version")
                    && running.path("version").asText().equals(latest.path("version").asText());
            if (!latest.isMissingNode() && !latest.isNull() && !latestShown
                    && !"REQUESTED".equals(latest.path("status").asText())) {
                state += ", latest v" + latest.path("version").asText() + " " + state(latest);
                if (latest.hasNonNull("reason")) {
                    state += ": " + latest.get("reason").asText();
                }
            }
            rows.add(new String[]{env.path("environment").asText(),
                    live.hasNonNull("version") ? "v" + live.get("version").asText() : "-",
                    live.hasNonNull("commitSha") ? live.get("commitSha").asText().substring(0, Math.min(7, live.get("commitSha").asText().length())) : "-",
                    state, env.path("url").asText("-")});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        out.println(app);
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String state(JsonNode deployment) {
        String status = deployment.path("status").asText("?").toLowerCase();
        String health = deployment.path("health").asText("");
        return health.isEmpty() || health.equals("null") ? status : status + " (health " + health.toLowerCase() + ")";
    }
}
