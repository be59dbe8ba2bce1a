package dev.slipway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start Slipway on this machine: PostgreSQL (if none runs), Kafka, the edge and the five services.",
                "The edge runs each environment's app processes in blue/green slots and serves every environment at "
                        + "http://127.0.0.1:8088/<app>/<environment>/ (its static site at the root, its services under "
                        + "their routes, such as /api).",
                "It also makes sure this machine has a deployer token for the services' API: in <data-dir>/credentials "
                        + "(owner-only), which the CLI reads by itself; its hash is in <data-dir>/tokens. More tokens: "
                        + "./slipway token create."})
class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--slack-webhook-url", paramLabel = "<url>",
            description = "A Slack incoming-webhook URL to notify (repeatable)")
    List<String> slackWebhookUrls = List.of();

    @Override
    public Integer call() {
        Progress progress = new Progress(System.out);
        progress.info("Starting Slipway (state in " + stackOptions.dataDir() + ")");
        LocalStack stack = LocalStack.start(LocalStack.Options.defaults(StackOptions.root(), stackOptions.dataDir(),
                slackWebhookUrls), progress);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "slipway-shutdown"));
        progress.info("");
        progress.info("Slipway is up.");
        progress.info("  GitHub webhook URL   " + stack.webhookUrl() + "   (content type application/json)");
        for (String service : stack.serviceNames()) {
            progress.info(String.format("  %-20s %s", service, stack.url(service)));
        }
        progress.info("  Kafka                " + stack.kafkaBootstrap() + "   (topics slipway.*.v1, CloudEvents)");
        progress.info("  environments         " + stack.edgeUrl() + "/<app>/<environment>/   (the edge; admin "
                + stack.edgeAdminUrl() + ", loopback only)");
        progress.info("  logs                 " + stack.logs());
        progress.info("  app logs             " + stack.appLogs() + "   (the environments' processes)");
        progress.info("  CLI token            " + tokenLine(stack.localToken(), stackOptions.dataDir(),
                Credentials.system().file()));
        progress.info("Register a repository: ./slipway repo add <owner/repo> --url <clone-url> --secret <secret>");
        progress.info("Press Ctrl-C to stop.");
        return StackOptions.runUntilStopped(stack);
    }

    /** Where this machine's deployer token is (never the token), and how the CLI finds it when not by itself. */
    static String tokenLine(LocalStack.LocalToken token, Path dataDir, Path cliCredentials) {
        String line = "deployer token " + token.name() + (token.created() ? " (new)" : "") + " in "
                + token.credentialsFile();
        if (token.credentialsFile().equals(cliCredentials.toAbsolutePath())) {
            return line + "   (the CLI on this machine uses it)";
        }
        return line + "   (the CLI reads " + cliCredentials + ": export SLIPWAY_HOME=" + dataDir + ")";
    }
}
