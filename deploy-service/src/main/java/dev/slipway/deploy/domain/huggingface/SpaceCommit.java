package dev.slipway.deploy.domain.huggingface;

import java.util.List;

/**
 * A commit the Hub made: its oid (the Space's new revision), the paths it wrote, the paths the Hub said to leave
 * out ({@code shouldIgnore}) and the paths it removed.
 */
public record SpaceCommit(String oid, List<String> written, List<String> ignored, List<String> deleted) {

    public SpaceCommit {
        written = List.copyOf(written);
        ignored = List.copyOf(ignored);
        deleted = List.copyOf(deleted);
    }

    /** The first 7 characters of the oid, as the Hub shows revisions. */
    public String shortOid() {
        return oid.length() > 7 ? oid.substring(0, 7) : oid;
    }
}
