package dev.slipway.platform.auth;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static dev.slipway.platform.auth.TokensFileTest.line;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what on /api (access controls on deployment triggers, SPEC "Security"; FR-008 rollbacks by deployers). */
class AccessTest {
    private static final String VIEWER = "slw_" + "v".repeat(43);
    private static final String DEPLOYER = "slw_" + "d".repeat(43);

    @TempDir
    Path dir;

    record Config(boolean enabled, Path tokensFile) implements AuthConfig {
    }

    @SuppressWarnings("unused")
    static class Resource {
        @GET
        public void read() {
        }

        @POST
        public void create() {
        }

        @PUT
        public void replace() {
        }

        @DELETE
        public void delete() {
        }

        @POST
        @RequiresRole(Role.VIEWER)
        public void search() {
        }

        @GET
        @RequiresRole(Role.DEPLOYER)
        public void revealSomething() {
        }

        @GET
        @Unauthenticated
        public void capability() {
        }
    }

    static Optional<Role> required(String method) throws NoSuchMethodException {
        return AccessRules.required(Resource.class.getMethod(method));
    }

    @Test
    void getNeedsViewerAndEveryOtherMethodDeployerUnlessAnnotated() throws Exception {
        assertThat(required("read")).contains(Role.VIEWER);
        assertThat(required("create")).contains(Role.DEPLOYER);
        assertThat(required("replace")).contains(Role.DEPLOYER);
        assertThat(required("delete")).contains(Role.DEPLOYER);
        assertThat(required("search")).contains(Role.VIEWER);
        assertThat(required("revealSomething")).contains(Role.DEPLOYER);
        assertThat(required("capability")).isEmpty();
    }

    @Test
    void aDeployerMayDoWhatAViewerMayNotTheOtherWayRound() {
        assertThat(Role.DEPLOYER.covers(Role.VIEWER)).isTrue();
        assertThat(Role.DEPLOYER.covers(Role.DEPLOYER)).isTrue();
        assertThat(Role.VIEWER.covers(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.covers(Role.DEPLOYER)).isFalse();
        assertThat(Role.fromLabel("viewer")).contains(Role.VIEWER);
        assertThat(Role.fromLabel("VIEWER")).isEmpty();
    }

    private ApiAccess access() throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, line("ci", "viewer", VIEWER) + "\n" + line("alice", "deployer", DEPLOYER) + "\n");
        return new ApiAccess(new Config(true, file));
    }

    @Test
    void tokensAreCheckedByRole() throws IOException {
        ApiAccess access = access();

        assertThat(access.check("Bearer " + VIEWER, Role.VIEWER))
                .isEqualTo(new ApiAccess.Allowed(new Caller("ci", Role.VIEWER)));
        assertThat(access.check("Bearer " + VIEWER, Role.DEPLOYER)).isEqualTo(new ApiAccess.Refused(
                Response.Status.FORBIDDEN, "token 'ci' has role viewer; this needs deployer"));
        assertThat(access.check("Bearer " + DEPLOYER, Role.DEPLOYER))
                .isEqualTo(new ApiAccess.Allowed(new Caller("alice", Role.DEPLOYER)));
        assertThat(access.check("Bearer " + DEPLOYER, Role.VIEWER))
                .isEqualTo(new ApiAccess.Allowed(new Caller("alice", Role.DEPLOYER)));
        assertThat(access.check("bearer  " + DEPLOYER + " ", Role.DEPLOYER)).as("the scheme's case, spaces")
                .isInstanceOf(ApiAccess.Allowed.class);
    }

    @Test
    void missingMalformedOrUnknownTokensAre401SayingWhatToDo() throws IOException {
        ApiAccess access = access();

        for (String header : new String[]{null, "", "Bearer", "Bearer   ", "Basic Y2k6cGFzcw==", VIEWER,
                "Bearer " + VIEWER + "x", "Bearer slw_" + "u".repeat(43)}) {
            ApiAccess.Verdict verdict = access.check(header, Role.VIEWER);
            assertThat(verdict).as(String.valueOf(header)).isInstanceOfSatisfying(ApiAccess.Refused.class, refused -> {
                assertThat(refused.status()).isEqualTo(Response.Status.UNAUTHORIZED);
                assertThat(refused.error()).endsWith(
                        "send Authorization: Bearer <token>; ./slipway picks up ~/.slipway/credentials");
            });
        }
        assertThat(((ApiAccess.Refused) access.check("Bearer slw_" + "u".repeat(43), Role.VIEWER)).error())
                .startsWith("this API token is not known here");
    }

    @Test
    void withoutTokensEveryCallIsRefusedSayingHowToCreateOne() {
        ApiAccess access = new ApiAccess(new Config(true, dir.resolve("missing")));

        assertThat(access.check("Bearer " + DEPLOYER, Role.VIEWER)).isEqualTo(new ApiAccess.Refused(
                Response.Status.UNAUTHORIZED, "no API tokens are configured on this server; create one with"
                + " ./slipway token create <name> --role viewer|deployer"));
    }

    @Test
    void disabledMeansEveryoneIsTheAnonymousDeployer() {
        ApiAccess access = new ApiAccess(new Config(false, dir.resolve("missing")));

        assertThat(access.check(null, Role.DEPLOYER)).isEqualTo(new ApiAccess.Allowed(Caller.ANONYMOUS));
        assertThat(Caller.ANONYMOUS).isEqualTo(new Caller("anonymous", Role.DEPLOYER));
    }

    @Test
    void theCallerIsTheSecurityContextsPrincipalWithItsRoles() {
        var context = new Caller("ci", Role.VIEWER).securityContext(false);

        assertThat(context.getUserPrincipal().getName()).isEqualTo("ci");
        assertThat(context.isUserInRole("viewer")).isTrue();
        assertThat(context.isUserInRole("deployer")).isFalse();
        assertThat(new Caller("alice", Role.DEPLOYER).securityContext(true).isUserInRole("viewer")).isTrue();
        assertThat(context.getAuthenticationScheme()).isEqualTo("Bearer");
        assertThat(Caller.ANONYMOUS.securityContext(false).getAuthenticationScheme()).isNull();
    }
}
