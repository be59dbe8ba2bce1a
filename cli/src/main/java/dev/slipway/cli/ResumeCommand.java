package dev.slipway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Unpin an environment after a rollback: the newest release waiting for it deploys.",
                "Needs a deployer token (SLIPWAY_TOKEN, else the credentials ./slipway up writes on this machine).",
                "Exit status: 0 resumed, 1 failed, 3 unknown app or environment, 4 no token or not a deployer's."})
class ResumeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<app>")
    String app;

    @Parameters(index = "1", paramLabel = "<environment>")
    String environment;

    @Option(names = "--output", defaultValue = "human", description = "human or json (the environment as deploy-service answers)")
    OutputFormat output;

    String deployUrl = Endpoints.deploy();
    Credentials credentials = Credentials.system();

    @Override
    public void run() {
        Http.Answer answer = new Http(credentials).postJson(DeployApi.environmentUrl(deployUrl, app, environment)
                + "/resume", Map.of());
        if (answer.status() / 100 != 2) {
            throw new CliException("could not resume " + app + "/" + environment + ": " + answer.message(),
                    answer.status() == 404 ? 3 : 1);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            out.println(answer.json().toPrettyString());
        } else {
            out.printf("resumed %s/%s: pushes deploy there again (the newest waiting release goes first)%n", app, environment);
        }
        out.flush();
    }
}
