package dev.slipway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slipway} command. */
@Command(name = "slipway", mixinStandardHelpOptions = true, version = "slipway 0.1.0",
        description = "Slipway: push to GitHub, and it is tested, built, deployed, verified and announced.",
        subcommands = {UpCommand.class, DemoCommand.class, RepoCommand.class, StatusCommand.class,
                DeploymentsCommand.class, LogsCommand.class, DeployLogCommand.class, PromoteCommand.class,
                RollbackCommand.class, ResumeCommand.class, SecretCommand.class})
public class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(configure(new CommandLine(new Main())).execute(args));
    }

    /** A {@link CliException} is printed as {@code error: <what to do>} and exits with its code; anything else with 1. */
    static CommandLine configure(CommandLine cli) {
        return cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (e instanceof CliException ? e.getMessage() : e.toString()));
            commandLine.getErr().flush();
            return e instanceof CliException ce ? ce.exitCode() : 1;
        });
    }
}
