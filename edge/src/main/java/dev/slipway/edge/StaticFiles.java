package dev.slipway.edge;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Serves a release's static site: files inside its directory only, a directory by its index.html. */
final class StaticFiles {

    /**
     * @param root the real path of the site's directory; null when the release has none
     * @param path the decoded request path below the environment, starting with {@code /}
     */
    void serve(HttpExchange exchange, Path root, String path) throws IOException {
        String method = exchange.getRequestMethod();
        boolean head = method.equals("HEAD");
        if (!head && !method.equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            Responses.text(exchange, 405, "method " + method + " is not allowed for static files (GET and HEAD are)");
            return;
        }
        Optional<Path> file = root == null ? Optional.empty() : SitePaths.resolve(root, path);
        if (file.isEmpty()) {
            Responses.text(exchange, 404, "not found");
            return;
        }
        long size = Files.size(file.get());
        exchange.getResponseHeaders().set("Content-Type", ContentTypes.of(file.get()));
        // releases replace each other under the same URLs: browsers must ask again rather than keep an old file
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
        try (InputStream in = Files.newInputStream(file.get()); OutputStream out = exchange.getResponseBody()) {
            in.transferTo(out);
        }
    }
}
