package dev.slipway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print a build's log (FR-014); with --follow, stream it live until the build ends.",
                "For a deployment's log: slipway deploy-log <app> <environment> [<version>]."})
class LogsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "<build>", description = "The build number, as in 'build #7'")
    long build;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the build ends")
    boolean follow;

    String buildUrl = Endpoints.build();
    Credentials credentials = Credentials.system();

    @Override
    public Integer call() {
        String url = buildUrl + "/api/builds/" + build + "/log" + (follow ? "?follow=true" : "");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        Http http = new Http(credentials);
        try {
            HttpResponse<InputStream> response = client.send(http.request(url).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (Reader body = new InputStreamReader(response.body(), StandardCharsets.UTF_8)) {
                if (response.statusCode() != 200) {
                    String text = new BufferedReader(body).lines().reduce("", (a, b) -> a + b);
                    http.refuseIfUnauthorized(url, response.statusCode(), text);
                    throw new CliException(new Http.Answer(response.statusCode(), text).message(),
                            response.statusCode() == 404 ? 3 : 1);
                }
                if (!follow) {
                    StringWriter text = new StringWriter();
                    body.transferTo(text);
                    System.out.print(text);
                    System.out.flush();
                    return 0;
                }
                String status = printEvents(new BufferedReader(body), System.out);
                return "SUCCEEDED".equals(status) ? 0 : 1;
            }
        } catch (ConnectException e) {
            throw new CliException("nothing answers at " + buildUrl + " — is Slipway running? Start it with ./slipway up");
        } catch (IOException e) {
            throw new CliException("reading the log of build " + build + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * Prints a server-sent event stream of a build log: {@code step} events as headings, data lines as they
     * come. Returns the build's final status from the {@code end} event, or null when the stream broke off.
     */
    static String printEvents(BufferedReader events, PrintStream out) throws IOException {
        String event = "message";
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = events.readLine()) != null) {
            if (line.isEmpty()) {
                String text = data.toString();
                switch (event) {
                    case "step" -> out.println("=== " + text + " ===");
                    case "end" -> {
                        out.println("=== build " + text.toLowerCase() + " ===");
                        return text.strip();
                    }
                    default -> out.println(text);
                }
                out.flush();
                event = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
            }
        }
        return null;
    }
}
