package dev.slipway.platform.auth;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The tokens file, read again when it changes so that {@code ./slipway token revoke} takes effect within a
 * second while the services run. Format: UTF-8, one token a line, {@code <name> <role> sha256:<64 lowercase hex>}
 * separated by single spaces; lines starting with {@code #} and blank lines are ignored. A malformed line is
 * skipped with a warning naming its number, so one bad line locks no one else out.
 */
public final class TokensFile {
    private static final Logger LOG = Logger.getLogger(TokensFile.class);
    /** How often the file's modification time and size are looked at: a revocation waits at most this long. */
    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,62}");
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");

    /** What a read found; the problems never quote a line, which could hold a hash or a pasted token. */
    record Contents(List<ApiToken> tokens, List<String> problems) {
    }

    /** The file as last seen: when it is replaced, written or cut, one of these changes. */
    private record Stamp(FileTime modified, long size, Object fileKey) {
    }

    private final Path path;
    private final LongSupplier nanoTime;
    private volatile List<ApiToken> tokens = List.of();
    private volatile long checkedAt;
    private Stamp stamp;

    public TokensFile(Path path) {
        this(path, System::nanoTime);
    }

    TokensFile(Path path, LongSupplier nanoTime) {
        this.path = path;
        this.nanoTime = nanoTime;
        reload(nanoTime.getAsLong());
    }

    public Path path() {
        return path;
    }

    /** The tokens as of the file at most a second ago; empty when it is missing or unreadable. */
    public List<ApiToken> tokens() {
        long now = nanoTime.getAsLong();
        if (now - checkedAt >= RECHECK_NANOS) {
            recheck(now);
        }
        return tokens;
    }

    private synchronized void recheck(long now) {
        if (now - checkedAt >= RECHECK_NANOS) {
            reload(now);
        }
    }

    private synchronized void reload(long now) {
        checkedAt = now;
        Stamp current = stamp();
        if (!current.equals(stamp)) {
            stamp = current;
            tokens = read();
        }
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            // missing or out of reach: read() says which, once, until that changes
            return new Stamp(null, -1, e.getClass().getName());
        }
    }

    private List<ApiToken> read() {
        try {
            Contents contents = parse(Files.readAllLines(path, StandardCharsets.UTF_8));
            contents.problems().forEach(problem -> LOG.warnf("%s: %s", path, problem));
            LOG.infof("%d API token(s) from %s", contents.tokens().size(), path);
            return contents.tokens();
        } catch (NoSuchFileException e) {
            LOG.infof("no tokens file at %s", path);
        } catch (IOException e) {
            // fail closed: a file that cannot be read might be the one a token was just revoked from
            LOG.warnf("cannot read the tokens file %s (%s): /api answers 401 until it can be read", path, e);
        }
        return List.of();
    }

    static Contents parse(List<String> lines) {
        List<ApiToken> tokens = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(" ", -1);
            String problem;
            if (fields.length != 3) {
                problem = "expected '<name> <role> sha256:<hex>' separated by single spaces, found "
                        + fields.length + " field(s)";
            } else if (!NAME.matcher(fields[0]).matches()) {
                problem = "the name must be 1 to 63 of a-z 0-9 . _ @ - starting with a letter or digit";
            } else if (Role.fromLabel(fields[1]).isEmpty()) {
                problem = "the role must be viewer or deployer";
            } else if (!HASH.matcher(fields[2]).matches()) {
                problem = "the hash must be sha256: followed by 64 lowercase hex digits";
            } else {
                tokens.add(new ApiToken(fields[0], Role.fromLabel(fields[1]).orElseThrow(),
                        HexFormat.of().parseHex(fields[2].substring("sha256:".length()))));
                continue;
            }
            problems.add("line " + (i + 1) + " skipped: " + problem);
        }
        return new Contents(List.copyOf(tokens), List.copyOf(problems));
    }
}
