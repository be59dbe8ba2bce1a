package dev.slipway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start Slipway and deploy the example shop from a real git push, stage by stage.")
class DemoCommand implements Callable<Integer> {
    static final Duration DEMO_BAKE_WINDOW = Duration.ofSeconds(10);

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--exit", description = "Stop everything after the story; exit 0 only if every stage passed")
    boolean exit;

    @Override
    public Integer call() {
        Progress progress = new Progress(System.out);
        progress.info("Slipway demo (state in " + stackOptions.dataDir() + ")");
        SlackReceiver slack = SlackReceiver.start(text -> { });
        progress.info("  a local Slack-compatible receiver stands in for your team channel: " + slack.webhookUrl());
        // a 10 s bake window keeps the story moving; `up` uses the service's default
        LocalStack stack = LocalStack.start(LocalStack.Options.defaults(StackOptions.root(), stackOptions.dataDir(),
                List.of(slack.webhookUrl())).withBakeWindow(DEMO_BAKE_WINDOW), progress);
        Thread shutdown = new Thread(() -> {
            stack.close();
            slack.close();
        }, "slipway-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        boolean passed = new DemoStory(stack, slack, StackOptions.root(), stackOptions.dataDir().resolve("demo"),
                System.out).tell();
        if (exit) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            shutdown.run();
            return passed ? 0 : 1;
        }
        progress.info("");
        progress.info("Slipway stays up: the shop is served at " + stack.siteUrl("shop", "production")
                + " (by the edge), webhook " + stack.webhookUrl() + ", status: ./slipway status shop");
        progress.info("CLI token: " + UpCommand.tokenLine(stack.localToken(), stackOptions.dataDir(),
                Credentials.system().file()));
        progress.info("Press Ctrl-C to stop.");
        return StackOptions.runUntilStopped(stack);
    }
}
