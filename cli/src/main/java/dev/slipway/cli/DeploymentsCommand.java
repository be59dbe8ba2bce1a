package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

@Command(name = "deployments", mixinStandardHelpOptions = true,
        description = {"List an app's deployments, newest first: version, commit, status, health, the edge slot it "
                + "ran in (blue or green), timings, what triggered it and why it failed or waits (FR-013).",
                "A deployment's own log: slipway deploy-log <app> <environment> <version>."})
class DeploymentsCommand implements Runnable {

    @Parameters(paramLabel = "<app>")
    String app;

    @Option(names = "--env", paramLabel = "<environment>", description = "Only this environment")
    String environment;

    @Option(names = "--limit", defaultValue = "20", description = "How many (1 to 200; default 20)")
    int limit;

    @Option(names = "--output", defaultValue = "human", description = "human or json")
    OutputFormat output;

    String deployUrl = Endpoints.deploy();
    Credentials credentials = Credentials.system();

    @Override
    public void run() {
        JsonNode deployments = new DeployApi(new Http(credentials), deployUrl).deployments(app, environment, limit);
        if (output == OutputFormat.json) {
            System.out.println(deployments.toPrettyString());
        } else {
            print(deployments, System.out);
        }
    }

    static void print(JsonNode deployments, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"ENVIRONMENT", "VERSION", "COMMIT", "STATUS", "HEALTH", "SLOT", "REQUESTED", "TOOK",
                "TRIGGER", "REASON"});
        for (JsonNode d : deployments) {
            String commit = d.path("commitSha").asText("");
            rows.add(new String[]{d.path("environment").asText(), "v" + d.path("version").asText(),
                    commit.substring(0, Math.min(7, commit.length())), d.path("status").asText().toLowerCase(),
                    d.hasNonNull("health") ? d.get("health").asText().toLowerCase() : "-",
                    d.hasNonNull("slot") ? d.get("slot").asText() : "-",
                    d.path("requestedAt").asText("-"), took(d), d.hasNonNull("trigger") ? d.get("trigger").asText() : "-",
                    d.hasNonNull("reason") ? d.get("reason").asText() : ""});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** From the start of the deploy to its end, as the history records them. */
    private static String took(JsonNode d) {
        if (!d.hasNonNull("startedAt") || !d.hasNonNull("finishedAt")) {
            return "-";
        }
        Duration took = Duration.between(OffsetDateTime.parse(d.get("startedAt").asText()),
                OffsetDateTime.parse(d.get("finishedAt").asText()));
        return String.format("%.1f s", took.toMillis() / 1000.0);
    }
}
