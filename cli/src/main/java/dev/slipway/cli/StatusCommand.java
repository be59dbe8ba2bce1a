package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show each environment of an app: live version, commit, state and URL (served by the edge).",
                "Under each: what triggered the live and the deploying release, releases waiting for a rule and why, "
                        + "and which environments a commit must pass first. Preview and torn-down environments are marked."})
class StatusCommand implements Runnable {

    @Parameters(paramLabel = "<app>")
    String app;

    @Option(names = "--output", defaultValue = "human", description = "human or json (deploy-service's answer as it is)")
    OutputFormat output;

    String deployUrl = Endpoints.deploy();
    Credentials credentials = Credentials.system();

    @Override
    public void run() {
        JsonNode environments = new DeployApi(new Http(credentials), deployUrl).environments(app);
        if (output == OutputFormat.json) {
            System.out.println(environments.toPrettyString());
        } else {
            print(app, environments, System.out);
        }
    }

    static void print(String app, JsonNode environments, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        List<List<String>> details = new ArrayList<>();
        rows.add(new String[]{"ENVIRONMENT", "VERSION", "COMMIT", "STATE", "URL"});
        details.add(List.of());
        for (JsonNode env : environments) {
            JsonNode live = env.path("live");
            JsonNode latest = env.path("latest");
            JsonNode running = env.path("running");
            boolean tornDown = env.path("tornDown").isObject();
            String state;
            if (tornDown) {
                JsonNode t = env.get("tornDown");
                state = "TORN DOWN" + (t.hasNonNull("at") ? " " + t.get("at").asText() : "")
                        + (t.hasNonNull("reason") ? ": " + t.get("reason").asText() : "");
            } else {
                state = live.hasNonNull("version") ? state(live) : "never deployed";
            }
            if (env.path("preview").asBoolean(false)) {
                state = "preview, " + state;
            }
            if (env.path("pinned").hasNonNull("reason")) {
                state += ", PINNED: " + env.get("pinned").get("reason").asText();
            }
            if (running.hasNonNull("version")) {
                state += ", deploying v" + running.get("version").asText();
            }
            List<String> queued = new ArrayList<>();
            env.path("queued").forEach(q -> queued.add("v" + q.path("version").asText()));
            if (!queued.isEmpty()) {
                state += ", queued " + String.join(" ", queued);
            }
            // the latest attempt, unless it is shown already: deploying, queued or waiting
            String latestStatus = latest.path("status").asText();
            boolean latestShown = running.hasNonNull("version")
                    && running.path("version").asText().equals(latest.path("version").asText());
            if (latest.hasNonNull("version") && !latestShown && !"REQUESTED".equals(latestStatus)
                    && !"WAITING".equals(latestStatus)) {
                state += ", latest v" + latest.path("version").asText() + " " + state(latest);
                if (latest.hasNonNull("reason")) {
                    state += ": " + latest.get("reason").asText();
                }
            }

            List<String> lines = new ArrayList<>();
            if (live.hasNonNull("trigger")) {
                lines.add("live: v" + live.path("version").asText() + ", " + live.get("trigger").asText());
            }
            if (running.hasNonNull("trigger")) {
                lines.add("deploying: v" + running.path("version").asText() + ", " + running.get("trigger").asText());
            }
            for (JsonNode w : env.path("waiting")) {
                lines.add("waiting: v" + w.path("version").asText()
                        + (w.hasNonNull("reason") ? " (" + w.get("reason").asText() + ")" : ""));
            }
            List<String> requires = new ArrayList<>();
            env.path("requires").forEach(r -> requires.add(r.asText()));
            if (!requires.isEmpty()) {
                lines.add("requires: " + String.join(", ", requires) + " (a commit deploys here once it passed "
                        + (requires.size() == 1 ? "it" : "them") + ")");
            }
            String commit = live.path("commitSha").asText(null);
            rows.add(new String[]{env.path("environment").asText(),
                    live.hasNonNull("version") ? "v" + live.get("version").asText() : "-",
                    commit == null ? "-" : DeployApi.shortSha(commit),
                    state, tornDown ? "-" : env.path("url").asText("-")});
            details.add(lines);
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        String indent = " ".repeat(2 + widths[0] + 2);
        out.println(app);
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
            for (String detail : details.get(r)) {
                out.println(indent + detail);
            }
        }
    }

    private static String state(JsonNode deployment) {
        String status = deployment.path("status").asText("?").toLowerCase();
        String health = deployment.path("health").asText("");
        return health.isEmpty() || health.equals("null") ? status : status + " (health " + health.toLowerCase() + ")";
    }
}
