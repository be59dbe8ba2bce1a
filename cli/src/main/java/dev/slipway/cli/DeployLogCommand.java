package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

@Command(name = "deploy-log", mixinStandardHelpOptions = true,
        description = {"Print a deployment's log (FR-014): fetching the artifacts, migrations, starting the release in "
                + "its slot, readiness, the switch, and why it failed if it did.",
                "For a build's log (tests, coverage, build) use: slipway logs <build>."})
class DeployLogCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<app>")
    String app;

    @Parameters(index = "1", paramLabel = "<environment>")
    String environment;

    @Parameters(index = "2", arity = "0..1", paramLabel = "<version>",
            description = "The deployment's version, as in 'v4' (default: the environment's newest deployment)")
    Long version;

    @Option(names = "--output", defaultValue = "human", description = "human (the log as it is) or json")
    OutputFormat output;

    String deployUrl = Endpoints.deploy();
    Credentials credentials = Credentials.system();

    @Override
    public void run() {
        DeployApi api = new DeployApi(new Http(credentials), deployUrl);
        long shown = version != null ? version : newest(api);
        Http.Answer answer = api.http().get(api.environmentUrl(app, environment) + "/deployments/" + shown + "/log");
        if (answer.status() != 200) {
            throw new CliException(answer.message() + (answer.status() == 404
                    ? " (see ./slipway deployments " + app + " --env " + environment + ")" : ""),
                    answer.status() == 404 ? 3 : 1);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            out.println(Http.JSON.createObjectNode().put("app", app).put("environment", environment)
                    .put("version", shown).put("log", answer.body()).toPrettyString());
        } else {
            out.print(answer.body());
            if (!answer.body().isEmpty() && !answer.body().endsWith("\n")) {
                out.println();
            }
        }
        out.flush();
    }

    private long newest(DeployApi api) {
        JsonNode deployments = api.deployments(app, environment, 1);
        if (deployments.isEmpty()) {
            throw new CliException(app + "/" + environment + " has no deployments yet", 3);
        }
        return deployments.get(0).path("version").asLong();
    }
}
