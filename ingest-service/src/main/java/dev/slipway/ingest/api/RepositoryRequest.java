package dev.slipway.ingest.api;

/** The body of {@code POST /api/repositories}. */
public record RepositoryRequest(String fullName, String cloneUrl, String secret) {

    @Override
    public String toString() {
        return "RepositoryRequest[fullName=" + fullName + ", cloneUrl=" + cloneUrl + ", secret=***]";
    }
}
