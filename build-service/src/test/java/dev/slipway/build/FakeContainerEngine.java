package dev.slipway.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A test double for the {@code docker} CLI, a shell script named {@code docker}: this machine has the CLI but no
 * engine, so the path where an engine works is tested with it. It records every call (its arguments, one line
 * each) and answers as docker does: {@code info} succeeds; {@code build} prints build output; {@code image inspect}
 * gives the size (3 GiB for a repository whose name holds "huge", else 50 MiB) or the repo digest; {@code push}
 * prints what docker prints, with the digest. The digest of a repository is the SHA-256 of its name, so a test
 * knows what to expect ({@link #digestOf}).
 */
public final class FakeContainerEngine {
    public static final long HUGE = 3L * 1024 * 1024 * 1024;
    public static final long SMALL = 50L * 1024 * 1024;

    private final Path script;
    private final Path calls;

    private FakeContainerEngine(Path script, Path calls) {
        this.script = script;
        this.calls = calls;
    }

    /** Writes the script as {@code <dir>/docker}, its record of calls beside it, empty. */
    public static FakeContainerEngine install(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("docker").toAbsolutePath();
        Path calls = dir.resolve("calls.log").toAbsolutePath();
        Files.deleteIfExists(calls);
        Files.writeString(script, """
                #!/bin/sh
                printf '%%s\\n' "$*" >> '%s'
                case "$1" in
                  info)
                    echo "Server Version: 28.2.2 (fake)"
                    exit 0 ;;
                  build)
                    echo "#1 [internal] load build definition from Dockerfile"
                    echo "#8 exporting to image"
                    echo "#8 naming to docker.io/library/built done"
                    exit 0 ;;
                  image)
                    format="$4"; tag="$5"; repo="${tag%%:*}"
                    case "$format" in
                      '{{.Size}}')
                        case "$repo" in *huge*) echo %d ;; *) echo %d ;; esac ;;
                      *RepoDigests*)
                        echo "$repo@sha256:$(printf '%%s' "$repo" | sha256sum | cut -c1-64)" ;;
                      *) echo "unknown format $format" >&2; exit 1 ;;
                    esac
                    exit 0 ;;
                  push)
                    tag="$2"; repo="${tag%%:*}"
                    echo "The push refers to repository [$repo]"
                    echo "5f70bf18a086: Pushed"
                    echo "${tag##*:}: digest: sha256:$(printf '%%s' "$repo" | sha256sum | cut -c1-64) size: 1570"
                    exit 0 ;;
                esac
                echo "docker: unknown command: $*" >&2
                exit 125
                """.formatted(calls, HUGE, SMALL), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new FakeContainerEngine(script, calls);
    }

    /** The script, to configure as the engine. */
    public Path script() {
        return script;
    }

    /** Every call so far that mentions {@code text}, e.g. an image's repository. */
    public List<String> callsWith(String text) throws IOException {
        if (!Files.exists(calls)) {
            return List.of();
        }
        return Files.readAllLines(calls, StandardCharsets.UTF_8).stream().filter(line -> line.contains(text)).toList();
    }

    /** The digest the script gives an image of {@code repository}. */
    public static String digestOf(String repository) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(repository.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
