package dev.slipway.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Options shared by the commands that start the stack or work on its state (its data directory). */
class StackOptions {
    @Option(names = "--data-dir", paramLabel = "<dir>",
            description = "Where Slipway keeps its state (default: $SLIPWAY_HOME or ~/.slipway)")
    Path dataDir;

    UnaryOperator<String> env = System::getenv;
    Path userHome = Path.of(System.getProperty("user.home"));

    Path dataDir() {
        return dataDir != null ? dataDir.toAbsolutePath() : defaultDataDir(env, userHome);
    }

    /** {@code $SLIPWAY_HOME}, else {@code ~/.slipway}: the state of {@code up}, and where the CLI finds its credentials. */
    static Path defaultDataDir(UnaryOperator<String> env, Path userHome) {
        String home = env.apply("SLIPWAY_HOME");
        return (home == null || home.isBlank() ? userHome.resolve(".slipway") : Path.of(home)).toAbsolutePath();
    }

    /** The Slipway checkout whose built modules run; the launcher script sets it. */
    static Path root() {
        return Path.of(System.getProperty("slipway.root", ".")).toAbsolutePath().normalize();
    }

    /** Blocks until interrupted (Ctrl-C) or until a process of the stack stops on its own. */
    static int runUntilStopped(LocalStack stack) {
        ManagedProcess dead;
        try {
            dead = stack.firstToStop().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CliException("lost track of the stack's processes: " + e.getCause());
        }
        if (stack.isClosing()) {
            return 0;
        }
        System.err.println(dead.name() + " stopped unexpectedly; last lines of " + dead.log() + ":\n" + dead.tail(20));
        return 1;
    }
}
