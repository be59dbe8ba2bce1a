package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;

@Command(name = "secret", mixinStandardHelpOptions = true,
        description = {"Manage an environment's secrets (FR-009): sealed by deploy-service at once, given to the "
                + "environment's services and migrations as environment variables, never printed, logged or put in events.",
                "A secret reaches the environment with its next deployment (a push, a promotion or a resume), not the "
                        + "release running now. A rollback restores a release with the secrets it ran with, not today's."},
        subcommands = {SecretCommand.Set.class, SecretCommand.ListSecrets.class, SecretCommand.Remove.class})
class SecretCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String url(String deployUrl, String app, String environment) {
        return DeployApi.environmentUrl(deployUrl, app, environment) + "/secrets";
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set a secret. The value is read from standard input (a pipe or a file), so it never lands "
                    + "in your shell history; at a terminal you are asked for it without echo. One trailing newline is "
                    + "dropped. Or --from-env names a variable that holds it.",
                    "  printf %%s \"$STRIPE_KEY\" | slipway secret set shop production STRIPE_KEY",
                    "  slipway secret set shop production DATABASE_PASSWORD < password.txt",
                    "  slipway secret set shop production STRIPE_KEY --from-env STRIPE_KEY",
                    "It reaches the environment with its next deployment; rollbacks keep the secrets their release ran with."})
    static class Set implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<app>")
        String app;

        @Parameters(index = "1", paramLabel = "<environment>")
        String environment;

        @Parameters(index = "2", paramLabel = "<NAME>", description = "Upper-case letters, digits and _, e.g. STRIPE_KEY")
        String name;

        @Option(names = "--from-env", paramLabel = "<VAR>", description = "Take the value from this environment variable")
        String fromEnv;

        @Option(names = "--output", defaultValue = "human", description = "human or json")
        OutputFormat output;

        String deployUrl = Endpoints.deploy();
        Credentials credentials = Credentials.system();
        InputStream stdin = System.in;
        Console console = terminal();
        UnaryOperator<String> environmentVariables = System::getenv;

        @Override
        public void run() {
            String value = value();
            if (value.isBlank()) {
                throw new CliException("the value of " + name + " is empty; give it on standard input "
                        + "(printf %s \"$VALUE\" | slipway secret set " + app + " " + environment + " " + name
                        + ") or with --from-env <VAR>", 2);
            }
            Http.Answer answer = new Http(credentials).putText(url(deployUrl, app, environment) + "/" + Http.segment(name), value);
            if (answer.status() / 100 != 2) {
                throw new CliException("could not set " + name + " for " + app + "/" + environment + ": "
                        + answer.message(), answer.status() == 404 ? 3 : 1);
            }
            JsonNode set = answer.json();
            PrintWriter out = spec.commandLine().getOut();
            if (output == OutputFormat.json) {
                out.println(set.toPrettyString());
            } else {
                out.printf("set %s for %s/%s (updated %s); it reaches %s with its next deployment%n", name, app,
                        environment, set.path("updatedAt").asText("now"), environment);
            }
            out.flush();
        }

        private String value() {
            if (fromEnv != null) {
                String value = environmentVariables.apply(fromEnv);
                if (value == null) {
                    throw new CliException("the environment variable " + fromEnv + " is not set", 2);
                }
                return value;
            }
            if (console != null) {
                char[] typed = console.readPassword("value of %s for %s/%s (not shown): ", name, app, environment);
                if (typed == null) {
                    throw new CliException("no value given", 2);
                }
                String value = new String(typed);
                Arrays.fill(typed, ' ');
                return value;
            }
            try {
                return withoutTrailingNewline(readAll(stdin));
            } catch (IOException e) {
                throw new CliException("could not read the value from standard input: " + e.getMessage());
            }
        }

        private static String readAll(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** {@code echo value |} and files ending in a newline give the value, not the value and a newline. */
        static String withoutTrailingNewline(String value) {
            if (value.endsWith("\r\n")) {
                return value.substring(0, value.length() - 2);
            }
            return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        }

        /** The terminal, when both standard input and output are one; null when either is redirected. */
        static Console terminal() {
            Console console = System.console();
            if (console == null) {
                return null;
            }
            try {
                // Java 22+ gives a Console also when redirected; isTerminal() tells
                Object isTerminal = Console.class.getMethod("isTerminal").invoke(console);
                return Boolean.TRUE.equals(isTerminal) ? console : null;
            } catch (ReflectiveOperationException e) {
                return console;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List an environment's secrets: names and when each was last set (never the values).")
    static class ListSecrets implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<app>")
        String app;

        @Parameters(index = "1", paramLabel = "<environment>")
        String environment;

        @Option(names = "--output", defaultValue = "human", description = "human or json")
        OutputFormat output;

        String deployUrl = Endpoints.deploy();
        Credentials credentials = Credentials.system();

        @Override
        public void run() {
            Http.Answer answer = new Http(credentials).get(url(deployUrl, app, environment));
            if (answer.status() != 200) {
                throw new CliException("could not list the secrets of " + app + "/" + environment + ": "
                        + answer.message(), answer.status() == 404 ? 3 : 1);
            }
            PrintWriter out = spec.commandLine().getOut();
            JsonNode secrets = answer.json();
            if (output == OutputFormat.json) {
                out.println(secrets.toPrettyString());
            } else if (secrets.isEmpty()) {
                out.printf("%s/%s has no secrets; set one with: slipway secret set %s %s <NAME>%n", app, environment,
                        app, environment);
            } else {
                int width = "NAME".length();
                for (JsonNode s : secrets) {
                    width = Math.max(width, s.path("name").asText().length());
                }
                out.printf("%-" + (width + 2) + "s%s%n", "NAME", "UPDATED");
                for (JsonNode s : secrets) {
                    out.printf("%-" + (width + 2) + "s%s%n", s.path("name").asText(), s.path("updatedAt").asText("-"));
                }
            }
            out.flush();
        }
    }

    @Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
            description = "Remove a secret. Deployments from now on run without it; the release running now keeps it "
                    + "until the next deployment, and rolling back to an earlier release restores the secrets it ran with.")
    static class Remove implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<app>")
        String app;

        @Parameters(index = "1", paramLabel = "<environment>")
        String environment;

        @Parameters(index = "2", paramLabel = "<NAME>")
        String name;

        @Option(names = "--output", defaultValue = "human", description = "human or json")
        OutputFormat output;

        String deployUrl = Endpoints.deploy();
        Credentials credentials = Credentials.system();

        @Override
        public void run() {
            Http.Answer answer = new Http(credentials).delete(url(deployUrl, app, environment) + "/" + Http.segment(name));
            if (answer.status() / 100 != 2) {
                throw new CliException("could not remove " + name + " from " + app + "/" + environment + ": "
                        + answer.message() + (answer.status() == 404
                        ? " (see slipway secret list " + app + " " + environment + ")" : ""),
                        answer.status() == 404 ? 3 : 1);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output == OutputFormat.json) {
                out.println(Http.JSON.createObjectNode().put("name", name).put("removed", true).toPrettyString());
            } else {
                out.printf("removed %s from %s/%s; deployments from now on run without it%n", name, app, environment);
            }
            out.flush();
        }
    }
}
