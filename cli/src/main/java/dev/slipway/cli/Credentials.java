package dev.slipway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The token the CLI sends to the services' {@code /api}, found as kubectl finds its kubeconfig:
 * {@code $SLIPWAY_TOKEN} if set, else the first line of {@code <home>/credentials} (home is {@code $SLIPWAY_HOME}
 * or {@code ~/.slipway}, where {@code ./slipway up} writes this machine's own deployer token), else none.
 */
final class Credentials {
    static final String TOKEN_VARIABLE = "SLIPWAY_TOKEN";
    static final String FILE_NAME = "credentials";
    /** What to do when a service refuses the token, or its absence. */
    static final String HINT = "set SLIPWAY_TOKEN or run ./slipway token create <name> --role deployer";

    /** A token and where it came from, for messages (never the token itself). */
    record Token(String value, String source) {
        @Override
        public String toString() {
            return "token from " + source;
        }
    }

    private final UnaryOperator<String> env;
    private final Path file;

    private Credentials(UnaryOperator<String> env, Path file) {
        this.env = env;
        this.file = file;
    }

    /** From this process's environment and the user's home. */
    static Credentials system() {
        return forHome(System::getenv, Path.of(System.getProperty("user.home")));
    }

    /** From {@code env} (instead of the process's environment) and {@code userHome}; for tests. */
    static Credentials forHome(UnaryOperator<String> env, Path userHome) {
        return new Credentials(env, StackOptions.defaultDataDir(env, userHome).resolve(FILE_NAME));
    }

    /** Only the given credentials file, whatever the environment says: for a stack this process started. */
    static Credentials ofFile(Path credentialsFile) {
        return new Credentials(name -> null, credentialsFile);
    }

    Path file() {
        return file;
    }

    Optional<Token> token() {
        String fromEnv = env.apply(TOKEN_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new Token(fromEnv.strip(), TOKEN_VARIABLE));
        }
        return read(file).map(value -> new Token(value, file.toString()));
    }

    /** Where a token would come from, for a message about a refusal. */
    String describe() {
        return token().map(Token::toString).orElse("no token sent: " + TOKEN_VARIABLE + " is not set and there is no "
                + file);
    }

    /** The token a credentials file holds (its first non-blank line); empty when there is no file or it is empty. */
    static Optional<String> read(Path credentialsFile) {
        try {
            return Files.readAllLines(credentialsFile, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty()).findFirst();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CliException("cannot read the credentials file " + credentialsFile + ": " + e.getMessage()
                    + " (or set " + TOKEN_VARIABLE + ")");
        }
    }
}
