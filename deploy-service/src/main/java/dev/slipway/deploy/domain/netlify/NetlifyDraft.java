package dev.slipway.deploy.domain.netlify;

import java.net.URI;

/** A draft deploy that is ready: not what the site serves yet, reachable at its own URL for verification. */
public record NetlifyDraft(String deployId, URI url) {
}
