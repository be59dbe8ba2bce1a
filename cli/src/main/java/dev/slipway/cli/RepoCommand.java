package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "repo", description = "Manage the GitHub repositories Slipway accepts webhooks from.",
        subcommands = {RepoCommand.Add.class}, mixinStandardHelpOptions = true)
class RepoCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Register a repository by its GitHub full name, with the URL Slipway clones and the webhook secret.")
    static class Add implements Runnable {
        @Parameters(paramLabel = "<owner/repo>", description = "GitHub full name, as repository.full_name in webhooks")
        String fullName;

        @Option(names = "--url", required = true, paramLabel = "<clone-url>", description = "URL Slipway clones from")
        String cloneUrl;

        @Option(names = "--secret", required = true, paramLabel = "<secret>",
                description = "The webhook secret set on GitHub; never printed back")
        String secret;

        @Option(names = "--output", defaultValue = "human", description = "human or json")
        OutputFormat output;

        String ingestUrl = Endpoints.ingest();
        Credentials credentials = Credentials.system();

        @Override
        public void run() {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("fullName", fullName);
            body.put("cloneUrl", cloneUrl);
            body.put("secret", secret);
            Http.Answer answer = new Http(credentials).postJson(ingestUrl + "/api/repositories", body);
            if (answer.status() / 100 != 2) {
                throw new CliException("could not register " + fullName + ": " + answer.message());
            }
            JsonNode registered = answer.json();
            if (output == OutputFormat.json) {
                System.out.println(registered.toPrettyString());
                return;
            }
            System.out.printf("%s %s (clones %s)%n", answer.status() == 201 ? "registered" : "updated",
                    fullName, cloneUrl);
            System.out.printf("point its GitHub webhook at %s/webhooks/github (content type application/json, the same secret)%n",
                    ingestUrl);
        }
    }
}
