package dev.slipway.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Manage the tokens of the services' API (the CLI sends one with every request): a viewer token "
                + "reads; a deployer token also rolls back, promotes and resumes. Webhooks need none: GitHub's "
                + "deliveries are checked by their HMAC signature.",
                "These are admin commands for the machine that runs Slipway: they change the tokens file in its data "
                        + "directory (--data-dir, else $SLIPWAY_HOME or ~/.slipway), which the services re-read "
                        + "within a second. Only each token's SHA-256 hash is kept there.",
                "The CLI sends $SLIPWAY_TOKEN, else the token in $SLIPWAY_HOME/credentials (~/.slipway/credentials), "
                        + "where ./slipway up puts this machine's own deployer token.",
                "Exit status: 0 done, 1 failed, 2 invalid or taken name, 3 no such token."},
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
class TokenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static TokensFile tokens(StackOptions stackOptions) {
        return new TokensFile(stackOptions.dataDir().resolve("tokens"));
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a token with a role and print it once: it cannot be shown again (only its hash is "
                    + "kept). Give it to a person or a script as SLIPWAY_TOKEN, or put it in their "
                    + "~/.slipway/credentials.",
                    "  slipway token create ci --role viewer",
                    "  slipway token create alice --role deployer --output json"})
    static class Create implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        StackOptions stackOptions;

        @Parameters(paramLabel = "<name>", description = "Lower-case letters, digits and . _ @ -, starting with a "
                + "letter or digit, at most 63 characters; shown as who asked for a rollback or promotion")
        String name;

        @Option(names = "--role", required = true, paramLabel = "<role>",
                description = "viewer (reads) or deployer (also rollback, promote, resume)")
        Tokens.Role role;

        @Option(names = "--output", defaultValue = "human", description = "human or json ({\"name\", \"role\", \"token\"})")
        OutputFormat output;

        @Override
        public void run() {
            if (!Tokens.validName(name)) {
                throw new CliException("'" + name + "' is not a token name: use lower-case letters, digits and . _ @ -, "
                        + "starting with a letter or digit, at most 63 characters", 2);
            }
            TokensFile tokens = tokens(stackOptions);
            boolean firstToken = !Files.exists(tokens.path());
            String token = Tokens.generate();
            tokens.add(new TokensFile.Entry(name, role, Tokens.hash(token)));
            if (firstToken) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("note: %s is new; the services read the tokens file of the data directory ./slipway up "
                        + "runs with, so give this command the same --data-dir or SLIPWAY_HOME%n", tokens.path());
                err.flush();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output == OutputFormat.json) {
                out.println(Http.JSON.createObjectNode().put("name", name).put("role", role.name()).put("token", token)
                        .toPrettyString());
            } else {
                out.printf("created %s token %s (in %s; the services accept it within a second):%n", role, name,
                        tokens.path());
                out.println(token);
                out.println("Copy it now: it cannot be shown again. Use it as SLIPWAY_TOKEN=<token>, or put it in "
                        + "~/.slipway/credentials of the machine that runs the CLI.");
            }
            out.flush();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the tokens: names and roles (never the tokens or their hashes).")
    static class ListTokens implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        StackOptions stackOptions;

        @Option(names = "--output", defaultValue = "human", description = "human or json ([{\"name\", \"role\"}])")
        OutputFormat output;

        @Override
        public void run() {
            TokensFile tokens = tokens(stackOptions);
            List<TokensFile.Entry> entries = tokens.entries();
            PrintWriter out = spec.commandLine().getOut();
            if (output == OutputFormat.json) {
                ArrayNode list = Http.JSON.createArrayNode();
                entries.forEach(e -> list.addObject().put("name", e.name()).put("role", e.role().name()));
                out.println(list.toPrettyString());
            } else if (entries.isEmpty()) {
                out.printf("no tokens in %s; create one with: ./slipway token create <name> --role viewer|deployer%n",
                        tokens.path());
            } else {
                int width = "NAME".length();
                for (TokensFile.Entry e : entries) {
                    width = Math.max(width, e.name().length());
                }
                out.printf("%-" + (width + 2) + "s%s%n", "NAME", "ROLE");
                for (TokensFile.Entry e : entries) {
                    out.printf("%-" + (width + 2) + "s%s%n", e.name(), e.role());
                }
            }
            out.flush();
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token: its line leaves the tokens file and the services refuse it within a second.")
    static class Revoke implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        StackOptions stackOptions;

        @Parameters(paramLabel = "<name>")
        String name;

        @Option(names = "--output", defaultValue = "human", description = "human or json")
        OutputFormat output;

        @Override
        public void run() {
            TokensFile tokens = tokens(stackOptions);
            Optional<TokensFile.Entry> removed = tokens.remove(name);
            if (removed.isEmpty()) {
                throw new CliException("there is no token named '" + name + "' in " + tokens.path()
                        + " (see ./slipway token list)", 3);
            }
            Path credentials = stackOptions.dataDir().resolve(Credentials.FILE_NAME);
            boolean local = Credentials.read(credentials).map(Tokens::hash).filter(removed.get().hash()::equals)
                    .isPresent();
            PrintWriter out = spec.commandLine().getOut();
            if (output == OutputFormat.json) {
                out.println(Http.JSON.createObjectNode().put("name", name).put("role", removed.get().role().name())
                        .put("revoked", true).toPrettyString());
            } else {
                out.printf("revoked %s (%s); the services refuse it within a second%n", name, removed.get().role());
                if (local) {
                    out.printf("it was this machine's CLI token (%s); ./slipway up makes a new one when it next starts%n",
                            credentials);
                }
            }
            out.flush();
        }
    }
}
