package dev.slipway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Unpin an environment after a rollback: the newest release waiting for it deploys.")
class ResumeCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "<app>")
    String app;

    @Parameters(index = "1", paramLabel = "<environment>")
    String environment;

    @Option(names = "--output", defaultValue = "human", description = "human or json (the environment as deploy-service answers)")
    OutputFormat output;

    @Override
    public void run() {
        Http.Answer answer = Http.postJson(new DeployApi(Endpoints.deploy()).environmentUrl(app, environment)
                + "/resume", Map.of());
        if (answer.status() / 100 != 2) {
            throw new CliException("could not resume " + app + "/" + environment + ": " + answer.message(),
                    answer.status() == 404 ? 3 : 1);
        }
        if (output == OutputFormat.json) {
            System.out.println(answer.json().toPrettyString());
            return;
        }
        System.out.printf("resumed %s/%s: pushes deploy there again (the newest waiting release goes first)%n", app, environment);
    }
}
