package dev.slipway.standins.huggingface;

/**
 * A request the stand-in received: method, path with query, content type (null when none) and body (empty when
 * none). Bodies carry secret values, so {@link #toString()} gives only the body's length.
 */
public record HubRequest(String method, String path, String contentType, String body) {

    @Override
    public String toString() {
        return method + " " + path + (contentType == null ? "" : " [" + contentType + "]")
                + (body.isEmpty() ? "" : " (" + body.length() + " chars)");
    }
}
