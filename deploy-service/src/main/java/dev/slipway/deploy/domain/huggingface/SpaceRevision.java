package dev.slipway.deploy.domain.huggingface;

import java.net.URI;

/**
 * What a deploy left running: the Space, the commit it runs ({@code commit}, the Hub's commit oid) and the URL its
 * app answers at.
 */
public record SpaceRevision(String space, String commit, URI url) {
}
