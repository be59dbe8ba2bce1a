package dev.slipway.ingest.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryRegistrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/Codertocat/Hello-World.git", "ssh://git@github.com/o/r.git",
            "git@github.com:Codertocat/Hello-World.git", "file:///tmp/x.git", "file:/tmp/x.git"})
    void acceptsTheCloneUrlForms(String url) {
        assertThatCode(() -> new RepositoryRegistration("Codertocat/Hello-World", url, "s")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "http://github.com/o/r.git", "ftp://x/y", "/tmp/x.git", "git@:x", "ext::sh -c x",
            "https:///nohost", "-uhttps://x", "https://github.com/o/r.git --upload-pack=x"})
    void refusesOtherCloneUrls(String url) {
        assertThatThrownBy(() -> new RepositoryRegistration("o/r", url, "s"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cloneUrl"))
                .hasMessageContaining("cloneUrl");
    }

    @Test
    void credentialsInTheCloneUrlAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> new RepositoryRegistration("o/r", "https://x-access-token:ghp_TOKEN@github.com/o/r.git", "s"))
                .hasMessageContaining("must not carry credentials").hasMessageNotContaining("ghp_TOKEN");
        assertThatThrownBy(() -> new RepositoryRegistration("o/r", "https://ghp_TOKEN@github.com/o/r.git", "s"))
                .hasMessageNotContaining("ghp_TOKEN");
        assertThatThrownBy(() -> new RepositoryRegistration("o/r", "ssh://git:pw@host/o/r.git", "s"))
                .hasMessageContaining("password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "noslash", "o/r/x", "/r", "o/", "o/..", "-o/r", "o w/r"})
    void refusesNamesThatAreNotOwnerSlashRepo(String name) {
        assertThatThrownBy(() -> new RepositoryRegistration(name, "file:///tmp/x.git", "s"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("fullName"));
    }

    @Test
    void requiresASecretAndNeverPrintsIt() {
        assertThatThrownBy(() -> new RepositoryRegistration("o/r", "file:///tmp/x.git", " "))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("secret"));
        assertThat(new RepositoryRegistration("o/r", "file:///tmp/x.git", "hunter2").toString()).doesNotContain("hunter2");
    }
}
