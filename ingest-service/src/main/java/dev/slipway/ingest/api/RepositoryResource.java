package dev.slipway.ingest.api;

import dev.slipway.platform.api.ApiError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.ingest.domain.GitSpecReader;
import dev.slipway.ingest.domain.InvalidInputException;
import dev.slipway.ingest.domain.RepositoryRegistration;
import dev.slipway.platform.auth.RequiresRole;
import dev.slipway.platform.auth.Role;
import dev.slipway.platform.security.SecretCipher;
import dev.slipway.ingest.persistence.RegisteredRepository;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** The repositories whose webhooks are accepted, with the URL to fetch them from and their webhook secret. */
@Path("/api/repositories")
@Produces(MediaType.APPLICATION_JSON)
public class RepositoryResource {
    private static final Logger LOG = Logger.getLogger(RepositoryResource.class);

    private final SecretCipher cipher;
    private final GitSpecReader specReader;
    private final ObjectMapper json;
    private final Clock clock;

    public RepositoryResource(SecretCipher cipher, GitSpecReader specReader, ObjectMapper json, Clock clock) {
        this.cipher = cipher;
        this.specReader = specReader;
        this.json = json;
        this.clock = clock;
    }

    /** Registers a repository (201) or replaces the clone URL and secret of a registered one (200). */
    @POST
    @RequiresRole(Role.DEPLOYER)
    @Consumes(MediaType.WILDCARD)
    @Transactional
    public Response register(byte[] body) {
        RepositoryRequest request = read(body);
        RepositoryRegistration registration = new RepositoryRegistration(request.fullName(), request.cloneUrl(),
                request.secret());
        OffsetDateTime now = OffsetDateTime.now(clock);
        RegisteredRepository repository = RegisteredRepository.findByFullName(registration.fullName()).orElse(null);
        boolean created = repository == null;
        if (created) {
            repository = new RegisteredRepository();
            repository.fullName = registration.fullName();
            repository.createdAt = now;
        }
        repository.cloneUrl = registration.cloneUrl();
        repository.secretSealed = cipher.seal(registration.secret(), repository.fullName);
        repository.updatedAt = now;
        repository.persist();
        LOG.infof("%s repository %s, fetched from %s", created ? "registered" : "updated", repository.fullName,
                repository.cloneUrl);
        RepositoryView view = RepositoryView.of(repository);
        return created
                ? Response.created(URI.create("/api/repositories/" + repository.fullName)).entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    public List<RepositoryView> list() {
        return RegisteredRepository.listByName().stream().map(RepositoryView::of).toList();
    }

    @GET
    @Path("/{owner}/{repo}")
    public Response get(@PathParam("owner") String owner, @PathParam("repo") String repo) {
        return RegisteredRepository.findByFullName(owner + "/" + repo)
                .map(r -> Response.ok(RepositoryView.of(r)).build())
                .orElseGet(() -> notRegistered(owner, repo));
    }

    @DELETE
    @RequiresRole(Role.DEPLOYER)
    @Path("/{owner}/{repo}")
    @Transactional
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String repo) {
        RegisteredRepository repository = RegisteredRepository.findByFullName(owner + "/" + repo).orElse(null);
        if (repository == null) {
            return notRegistered(owner, repo);
        }
        repository.delete();
        specReader.forget(repository.fullName);
        LOG.infof("unregistered repository %s", repository.fullName);
        return Response.noContent().build();
    }

    private RepositoryRequest read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "the body is empty; expected {\"fullName\", \"cloneUrl\", \"secret\"}");
        }
        try {
            RepositoryRequest request = json.readValue(body, RepositoryRequest.class);
            if (request == null) {
                throw new InvalidInputException("body", "expected a JSON object {\"fullName\", \"cloneUrl\", \"secret\"}");
            }
            return request;
        } catch (JsonProcessingException e) {
            // Jackson's own message can quote the offending token, which may be the secret: not repeated here.
            throw new InvalidInputException("body", "the body is not a JSON object {\"fullName\", \"cloneUrl\", \"secret\"}"
                    + Json.where(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response notRegistered(String owner, String repo) {
        return ErrorMappers.json(404, ApiError.of("repository '" + owner + "/" + repo + "' is not registered"));
    }
}
