package dev.slipway.ingest.domain;

import dev.slipway.ingest.GitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading slipway.yml at a pushed commit through the real git CLI. */
class GitSpecReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheFileAtThePushedCommitNotAtTheBranchTip() throws Exception {
        GitRepo repo = GitRepo.withSpec(tmp.resolve("origin"), "first");
        String first = repo.head();
        String second = repo.commit("main", "slipway.yml", GitRepo.SPEC_TEMPLATE.formatted("second"), "rename app");
        GitSpecReader reader = new GitSpecReader(tmp.resolve("cache"), Duration.ofSeconds(30));

        assertThat(reader.read("Octo/Repo", repo.cloneUrl(), "main", first)).hasValueSatisfying(y -> assertThat(y).contains("app: first"));
        assertThat(reader.read("Octo/Repo", repo.cloneUrl(), "main", second)).hasValueSatisfying(y -> assertThat(y).contains("app: second"));
        assertThat(tmp.resolve("cache/octo/repo.git/HEAD")).exists();
    }

    @Test
    void theTipIsReadAsTheBranchIsNowWhateverWasReadBefore() throws Exception {
        GitRepo repo = GitRepo.withSpec(tmp.resolve("origin"), "first");
        GitSpecReader reader = new GitSpecReader(tmp.resolve("cache"), Duration.ofSeconds(30));
        assertThat(reader.readTip("Octo/Repo", repo.cloneUrl(), "main"))
                .isEqualTo(new GitSpecReader.SpecFile(repo.head(), Optional.of(GitRepo.SPEC_TEMPLATE.formatted("first"))));

        String second = repo.commit("main", "slipway.yml", GitRepo.SPEC_TEMPLATE.formatted("second"), "rename app");
        assertThat(reader.readTip("Octo/Repo", repo.cloneUrl(), "main"))
                .isEqualTo(new GitSpecReader.SpecFile(second, Optional.of(GitRepo.SPEC_TEMPLATE.formatted("second"))));

        String removed = repo.removeAndCommit("main", "slipway.yml", "no spec");
        assertThat(reader.readTip("Octo/Repo", repo.cloneUrl(), "main"))
                .isEqualTo(new GitSpecReader.SpecFile(removed, Optional.empty()));
        assertThatThrownBy(() -> reader.readTip("Octo/Repo", repo.cloneUrl(), "gone"))
                .isInstanceOf(GitException.class).hasMessageContaining("git fetch of branch 'gone'");
    }

    @Test
    void commitWithoutTheFileReadsAsEmpty() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("origin"));
        String sha = repo.commit("feature/plain", "README.md", "hello", "no spec here");

        assertThat(new GitSpecReader(tmp.resolve("cache"), Duration.ofSeconds(30))
                .read("o/r", repo.cloneUrl(), "feature/plain", sha)).isEqualTo(Optional.empty());
    }

    @Test
    void unreachableRemoteOrUnknownCommitIsAGitException() {
        GitRepo repo = GitRepo.withSpec(tmp.resolve("origin"), "app");
        GitSpecReader reader = new GitSpecReader(tmp.resolve("cache"), Duration.ofSeconds(30));

        assertThatThrownBy(() -> reader.read("o/r", tmp.resolve("missing").toUri().toString(), "main", repo.head()))
                .isInstanceOf(GitException.class).hasMessageContaining("git fetch of branch 'main'");
        assertThatThrownBy(() -> reader.read("o/r", repo.cloneUrl(), "main", "1".repeat(40)))
                .isInstanceOf(GitException.class).hasMessageContaining("is not on branch 'main'");
    }

    @Test
    void forgetDropsTheCache() throws Exception {
        GitRepo repo = GitRepo.withSpec(tmp.resolve("origin"), "app");
        GitSpecReader reader = new GitSpecReader(tmp.resolve("cache"), Duration.ofSeconds(30));
        reader.read("o/r", repo.cloneUrl(), "main", repo.head());

        reader.forget("o/r");

        assertThat(Files.exists(tmp.resolve("cache/o/r.git"))).isFalse();
    }
}
