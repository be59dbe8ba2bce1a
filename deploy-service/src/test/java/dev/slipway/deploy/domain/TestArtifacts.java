package dev.slipway.deploy.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** Artifacts as build-service packs them, for tests: a static site and a real service. */
public final class TestArtifacts {
    /** How the service is started: Python's http.server, present wherever the tests run. */
    public static final String RUN = "python3 server.py";
    /** A migration that succeeds and appends the version to {@code $MIGRATIONS_LOG}. */
    public static final String MIGRATE = "sh migrate.sh";
    /** A migration that fails the way a clashing schema change does. */
    public static final String FAILING_MIGRATE = "sh failing-migrate.sh";

    private static final String SERVER = """
            import http.server, json, os, signal, sys, threading
            if os.path.exists('crash'):
                print('cannot connect to the database', flush=True)
                sys.exit(3)
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    if self.path == '/health':
                        ok = not os.path.exists('unhealthy')
                        self.reply(200 if ok else 503, {'status': 'UP' if ok else 'DOWN'})
                    elif self.path == '/version':
                        self.reply(200, {k: os.environ.get(v) for k, v in [('commit', 'SLIPWAY_COMMIT_SHA'),
                            ('version', 'SLIPWAY_VERSION'), ('environment', 'SLIPWAY_ENVIRONMENT'),
                            ('greeting', 'GREETING'), ('apiKey', 'API_KEY')]})
                    else:
                        self.reply(404, {'error': 'no route for ' + self.path})
                def reply(self, status, body):
                    data = json.dumps(body).encode()
                    self.send_response(status)
                    self.send_header('Content-Type', 'application/json')
                    self.send_header('Content-Length', str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                def log_message(self, *args):
                    pass
            server = http.server.ThreadingHTTPServer(('127.0.0.1', int(os.environ['PORT'])), Handler)
            # on SIGTERM, answer the requests in flight and then stop, as a well-behaved service does
            server.daemon_threads = False
            signal.signal(signal.SIGTERM, lambda *args: threading.Thread(target=server.shutdown).start())
            print('api listening on', os.environ['PORT'], flush=True)
            server.serve_forever()
            server.server_close()
            """;

    private TestArtifacts() {
    }

    /** A site: index.html naming {@code title} and build-info.json naming the commit. */
    public static byte[] site(String title, String commit) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("index.html", "<!doctype html><title>" + title + "</title><h1>" + title + "</h1>");
        files.put("build-info.json", "{\"commit\":\"" + commit + "\"}");
        files.put("assets/app.css", "h1{color:teal}");
        return Zips.of(files);
    }

    /**
     * A service answering {@code /health} and {@code /version} (the commit, version, environment and the
     * {@code GREETING} and {@code API_KEY} it runs with) on {@code $PORT}.
     *
     * @param neverReady {@code /health} answers 503
     * @param crashes    exits with code 3 at once, saying why
     */
    public static byte[] service(boolean neverReady, boolean crashes) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("server.py", SERVER);
        if (neverReady) {
            files.put("unhealthy", "this release answers 503 on /health");
        }
        if (crashes) {
            files.put("crash", "this release exits at once");
        }
        files.put("migrate.sh", "echo \"migrating $SLIPWAY_ENVIRONMENT v$SLIPWAY_VERSION ($GREETING)\"\n"
                + "echo \"$SLIPWAY_VERSION\" >> \"${MIGRATIONS_LOG:-/dev/null}\"\n");
        files.put("failing-migrate.sh", "echo 'ERROR: relation \"orders\" already exists' >&2\nexit 3\n");
        return Zips.of(files);
    }
}
