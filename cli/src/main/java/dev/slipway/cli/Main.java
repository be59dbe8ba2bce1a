package dev.slipway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slipway} command. */
@Command(name = "slipway", mixinStandardHelpOptions = true, version = "slipway 0.1.0",
        description = "Slipway: push to GitHub, and it is tested, built, deployed, verified and announced.",
        subcommands = {UpCommand.class, DemoCommand.class, RepoCommand.class, StatusCommand.class,
                DeploymentsCommand.class, LogsCommand.class, DeployLogCommand.class, PromoteCommand.class,
                RollbackCommand.class, ResumeCommand.class, SecretCommand.class, TokenCommand.class},
        footerHeading = "%n",
        footer = {"The services' API needs a token: the CLI sends $SLIPWAY_TOKEN, else the one in "
                + "$SLIPWAY_HOME/credentials (~/.slipway/credentials), which ./slipway up creates for this machine "
                + "(a deployer token). Viewers read; rollback, promote and resume need a deployer token.",
                "",
                "Exit status: 0 done, 1 failed, 2 invalid input, 3 nothing there (unknown app, environment, version, "
                        + "build or token), 4 no token, an unknown one, or one whose role may not do this: "
                        + "set SLIPWAY_TOKEN or run ./slipway token create <name> --role deployer."})
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
