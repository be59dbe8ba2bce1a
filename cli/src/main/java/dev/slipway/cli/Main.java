package dev.slipway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slipway} command. */
@Command(name = "slipway", mixinStandardHelpOptions = true, version = "slipway 0.1.0",
        description = "Slipway: push to GitHub, and it is tested, built, deployed, verified and announced.",
        subcommands = {UpCommand.class, DemoCommand.class, RepoCommand.class, StatusCommand.class,
                DeploymentsCommand.class, LogsCommand.class, RollbackCommand.class, ResumeCommand.class})
public class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println("error: " + (e instanceof CliException ? e.getMessage() : e.toString()));
                    return e instanceof CliException ce ? ce.exitCode() : 1;
                });
        System.exit(cli.execute(args));
    }
}
