package dev.slipway.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The tokens file every service reads ({@code -Dslipway.auth.tokens-file}): one line per token,
 * {@code <name> <role> sha256:<hex>}, {@code #} comments and blank lines ignored. Only hashes are kept. Changes
 * are made under a lock (so a {@code token create} and a starting {@code up} cannot lose each other's line) and
 * written atomically, owner-only; the services pick them up within about a second.
 */
final class TokensFile {
    static final String HEADER = """
            # Slipway API tokens, one per line: <name> <role> sha256:<hex SHA-256 of the token>. Roles: viewer, deployer.
            # Managed with ./slipway token create|list|revoke; the services re-read this file when it changes.
            """;

    /** One token's line. */
    record Entry(String name, Tokens.Role role, String hash) {
        String line() {
            return name + " " + role + " " + hash;
        }

        /** The entry a line holds; empty for comments, blank lines and lines that do not follow the format. */
        static Optional<Entry> parse(String line) {
            if (line.isBlank() || line.startsWith("#")) {
                return Optional.empty();
            }
            String[] parts = line.split(" ", -1);
            if (parts.length != 3 || !Tokens.validName(parts[0]) || !parts[2].matches("sha256:[0-9a-f]{64}")) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Entry(parts[0], Tokens.Role.valueOf(parts[1]), parts[2]));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private final Path file;

    TokensFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path path() {
        return file;
    }

    /** The tokens in the file, in its order; none when there is no file yet. */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (String line : lines()) {
            Entry.parse(line).ifPresent(entries::add);
        }
        return entries;
    }

    Optional<Entry> byName(String name) {
        return entries().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    Optional<Entry> byHash(String hash) {
        return entries().stream().filter(e -> e.hash().equals(hash)).findFirst();
    }

    /** Creates the file (owner-only, with a header) if there is none; an existing one is narrowed to owner-only. */
    void ensureExists() {
        locked(() -> {
            OwnerOnlyFiles.ensure(file, HEADER);
            return null;
        });
    }

    /** Adds a token's line; refuses a name the file has already (exit 2). */
    void add(Entry entry) {
        locked(() -> {
            if (byName(entry.name()).isPresent()) {
                throw new CliException("a token named '" + entry.name() + "' exists already; revoke it first "
                        + "(./slipway token revoke " + entry.name() + ") or choose another name", 2);
            }
            rewrite(lines -> {
                lines.add(entry.line());
                return lines;
            });
            return null;
        });
    }

    /** Adds a token's line in place of any line of the same name. */
    void put(Entry entry) {
        locked(() -> {
            rewrite(lines -> {
                List<String> kept = withoutName(lines, entry.name());
                kept.add(entry.line());
                return kept;
            });
            return null;
        });
    }

    /** Removes the line of {@code name}; empty when there was none, else the entry removed. */
    Optional<Entry> remove(String name) {
        return locked(() -> {
            Optional<Entry> existing = byName(name);
            if (existing.isPresent()) {
                rewrite(lines -> withoutName(lines, name));
            }
            return existing;
        });
    }

    private static List<String> withoutName(List<String> lines, String name) {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (Entry.parse(line).map(e -> !e.name().equals(name)).orElse(true)) {
                kept.add(line);
            }
        }
        return kept;
    }

    private List<String> lines() {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        } catch (IOException e) {
            throw new CliException("cannot read the tokens file " + file + ": " + e.getMessage());
        }
    }

    /** Every line the file has (comments and lines it does not understand kept as they are), changed, written back. */
    private void rewrite(UnaryOperator<List<String>> change) {
        List<String> lines = lines();
        if (lines.isEmpty()) {
            lines.addAll(HEADER.lines().toList());
        }
        OwnerOnlyFiles.write(file, String.join("\n", change.apply(lines)) + "\n");
    }

    private interface Action<T> {
        T run();
    }

    /** Runs {@code action} holding the tokens file's lock: one writer at a time, across processes. */
    private <T> T locked(Action<T> action) {
        Path lock = file.resolveSibling("." + file.getFileName() + ".lock");
        synchronized (TokensFile.class) {
            try {
                Files.createDirectories(file.getParent());
                try (FileChannel channel = FileChannel.open(lock, java.util.Set.of(StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE), OwnerOnlyFiles.ownerOnly(file.getParent()));
                     FileLock ignored = channel.lock()) {
                    return action.run();
                }
            } catch (IOException e) {
                throw new CliException("cannot lock " + lock + ": " + e.getMessage());
            }
        }
    }
}
