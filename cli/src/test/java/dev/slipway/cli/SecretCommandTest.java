package dev.slipway.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** FR-009: a secret's value goes from standard input to deploy-service and nowhere else. */
class SecretCommandTest {
    private static final String VALUE = "sk_live_51Hx Ünïcode \"quoted\" $NOT_EXPANDED";

    private final RecordingServer deploy = RecordingServer.start();

    @AfterEach
    void stop() {
        deploy.close();
    }

    private SecretCommand.Set set(String stdin) {
        SecretCommand.Set command = new SecretCommand.Set();
        command.deployUrl = deploy.url();
        command.credentials = Credentials.ofFile(java.nio.file.Path.of("/nonexistent/credentials"));
        command.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        command.console = null;
        return command;
    }

    @Test
    void setReadsTheValueFromStandardInputAndPutsExactlyItNeverPrintingIt() {
        deploy.json("PUT", "/api/apps/shop/environments/production/secrets/STRIPE_KEY", 200,
                "{\"name\":\"STRIPE_KEY\",\"updatedAt\":\"2026-11-26T12:00:00Z\"}");

        CliRun run = CliRun.of(set(VALUE + "\n"), "shop", "production", "STRIPE_KEY");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(deploy.requests()).hasSize(1);
        RecordingServer.Request put = deploy.requests().get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.contentType()).startsWith("text/plain");
        assertThat(put.text()).isEqualTo(VALUE);
        assertThat(run.all()).contains("set STRIPE_KEY for shop/production").contains("next deployment")
                .doesNotContain(VALUE).doesNotContain("sk_live");
    }

    @Test
    void onlyOneTrailingNewlineIsDropped() {
        deploy.json("PUT", "/api/apps/shop/environments/production/secrets/PEM", 200,
                "{\"name\":\"PEM\",\"updatedAt\":\"2026-11-26T12:00:00Z\"}");

        CliRun run = CliRun.of(set("line one\nline two\n\n"), "shop", "production", "PEM");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(deploy.requests().get(0).text()).isEqualTo("line one\nline two\n");
        assertThat(SecretCommand.Set.withoutTrailingNewline("v\r\n")).isEqualTo("v");
        assertThat(SecretCommand.Set.withoutTrailingNewline("v")).isEqualTo("v");
    }

    @Test
    void fromEnvTakesTheVariableAndJsonOutputIsTheAnswer() {
        deploy.json("PUT", "/api/apps/shop/environments/staging/secrets/API_TOKEN", 200,
                "{\"name\":\"API_TOKEN\",\"updatedAt\":\"2026-11-26T12:00:00Z\"}");
        SecretCommand.Set command = set("ignored");
        command.environmentVariables = Map.of("MY_TOKEN", "tok-123")::get;

        CliRun run = CliRun.of(command, "shop", "staging", "API_TOKEN", "--from-env", "MY_TOKEN", "--output", "json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(deploy.requests().get(0).text()).isEqualTo("tok-123");
        assertThat(run.out()).contains("\"name\" : \"API_TOKEN\"").doesNotContain("tok-123");
    }

    @Test
    void aMissingVariableOrAnEmptyValueIsRefusedBeforeAnythingIsSent() {
        SecretCommand.Set command = set("");
        command.environmentVariables = Map.<String, String>of()::get;

        CliRun missing = CliRun.of(command, "shop", "staging", "API_TOKEN", "--from-env", "NOPE");
        CliRun empty = CliRun.of(set("\n"), "shop", "staging", "API_TOKEN");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("error: the environment variable NOPE is not set");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("the value of API_TOKEN is empty").contains("--from-env");
        assertThat(deploy.requests()).isEmpty();
    }

    @Test
    void theServicesRefusalIsShownWithoutTheValue() {
        deploy.json("PUT", "/api/apps/shop/environments/production/secrets/lower", 400,
                "{\"error\":\"secret names are upper-case letters, digits and _, got 'lower'\",\"field\":\"name\"}");

        CliRun run = CliRun.of(set(VALUE), "shop", "production", "lower");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("could not set lower for shop/production: secret names are upper-case");
        assertThat(run.all()).doesNotContain(VALUE);
    }

    @Test
    void listShowsNamesAndWhenTheyWereSet() {
        deploy.json("GET", "/api/apps/shop/environments/production/secrets", 200,
                "[{\"name\":\"DATABASE_PASSWORD\",\"updatedAt\":\"2026-11-26T12:00:00Z\"},"
                        + "{\"name\":\"STRIPE_KEY\",\"updatedAt\":\"2026-11-27T08:30:00Z\"}]");
        SecretCommand.ListSecrets list = new SecretCommand.ListSecrets();
        list.deployUrl = deploy.url();

        CliRun run = CliRun.of(list, "shop", "production");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().split("\n")).containsExactly(
                "NAME               UPDATED",
                "DATABASE_PASSWORD  2026-11-26T12:00:00Z",
                "STRIPE_KEY         2026-11-27T08:30:00Z");
    }

    @Test
    void rmDeletesAndAnUnknownSecretSaysWhereToLook() {
        deploy.json("DELETE", "/api/apps/shop/environments/production/secrets/STRIPE_KEY", 204, "");
        SecretCommand.Remove rm = new SecretCommand.Remove();
        rm.deployUrl = deploy.url();
        SecretCommand.Remove unknown = new SecretCommand.Remove();
        unknown.deployUrl = deploy.url();

        CliRun removed = CliRun.of(rm, "shop", "production", "STRIPE_KEY");
        CliRun missing = CliRun.of(unknown, "shop", "production", "NOPE");

        assertThat(removed.exitCode()).isZero();
        assertThat(removed.out()).contains("removed STRIPE_KEY from shop/production");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("could not remove NOPE").contains("slipway secret list shop production");
    }

    @Test
    void helpSaysWhenASecretArrivesAndWhatRollbacksUse() {
        CliRun help = CliRun.of(new Main(), "secret", "--help");
        CliRun setHelp = CliRun.of(new Main(), "secret", "set", "--help");

        assertThat(help.out().replaceAll("\\s+", " ")).contains("reaches the environment with its next deployment")
                .contains("A rollback restores a release with the secrets it ran with");
        assertThat(setHelp.out().replaceAll("\\s+", " ")).contains("printf %s \"$STRIPE_KEY\" | slipway secret set shop production STRIPE_KEY")
                .contains("--from-env");
    }
}
