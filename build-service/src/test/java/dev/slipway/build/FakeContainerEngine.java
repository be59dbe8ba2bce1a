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
 * A test double for the {@code docker} CLI, a shell script named {@code docker}, so no test depends on whether
 * the machine running it has a Docker engine. It records every call (its arguments, one line each).
 * <p>
 * {@link #install} answers as docker does with a working daemon: {@code info} succeeds; {@code build} prints
 * build output; {@code image inspect} gives the size (3 GiB for a repository whose name holds "huge", else 50 MiB)
 * or the repo digest; {@code push} prints what docker prints, with a digest; {@code image rm} untags (and fails as
 * docker does when a container uses the image, for a repository whose name holds "in-use"). The repo digest of a
 * repository is the SHA-256 of its name ({@link #digestOf}); the digest {@code push} prints is another one
 * ({@link #pushedDigestOf}), so a test sees which of the two was taken.
 * <p>
 * {@link #installWithoutDaemon} answers as docker's CLI does where no daemon runs: {@code info} prints the client's
 * part, then the daemon error, and exits 1.
 */
public final class FakeContainerEngine {
    public static final long HUGE = 3L * 1024 * 1024 * 1024;
    public static final long SMALL = 50L * 1024 * 1024;
    /** What docker's CLI prints when no daemon answers. */
    public static final String NO_DAEMON = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock."
            + " Is the docker daemon running?";

    private final Path script;
    private final Path calls;

    private FakeContainerEngine(Path script, Path calls) {
        this.script = script;
        this.calls = calls;
    }

    /** Writes the script of a working engine as {@code <dir>/docker}, its record of calls beside it, empty. */
    public static FakeContainerEngine install(Path dir) throws IOException {
        return write(dir, """
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
                    if [ "$2" = rm ]; then
                      shift 2
                      for tag in "$@"; do
                        case "$tag" in
                          *in-use*)
                            echo "Error response from daemon: conflict: unable to remove repository reference \\"$tag\\" (must force) - container 0123456789ab is using its referenced image" >&2
                            exit 1 ;;
                        esac
                        echo "Untagged: $tag"
                      done
                      exit 0
                    fi
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
                    echo "${tag##*:}: digest: sha256:$(printf '%%s pushed' "$repo" | sha256sum | cut -c1-64) size: 1570"
                    exit 0 ;;
                esac
                echo "docker: unknown command: $*" >&2
                exit 125
                """.formatted(HUGE, SMALL));
    }

    /** Writes the script of a docker CLI whose daemon does not run as {@code <dir>/docker}. */
    public static FakeContainerEngine installWithoutDaemon(Path dir) throws IOException {
        return write(dir, """
                if [ "$1" = info ]; then
                  echo "Client:"
                  echo " Version:    28.2.2"
                  echo " Context:    default"
                  echo " Debug Mode: false"
                  echo
                  echo "Server:"
                fi
                echo "%s" >&2
                exit 1
                """.formatted(NO_DAEMON));
    }

    private static FakeContainerEngine write(Path dir, String answers) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("docker").toAbsolutePath();
        Path calls = dir.resolve("calls.log").toAbsolutePath();
        Files.deleteIfExists(calls);
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + calls + "'\n" + answers, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new FakeContainerEngine(script, calls);
    }

    /** The engine installed in {@code dir} earlier, to read its calls. */
    public static FakeContainerEngine at(Path dir) {
        return new FakeContainerEngine(dir.resolve("docker").toAbsolutePath(), dir.resolve("calls.log").toAbsolutePath());
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

    /** The repo digest the script gives an image of {@code repository}. */
    public static String digestOf(String repository) {
        return sha256(repository);
    }

    /** The digest the script's {@code push} prints for an image of {@code repository}: not {@link #digestOf}. */
    public static String pushedDigestOf(String repository) {
        return sha256(repository + " pushed");
    }

    private static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
