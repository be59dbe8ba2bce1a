package dev.slipway.build;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files of small real applications the end-to-end tests build: a static site and a Node service. */
final class SampleApps {
    /** Node 20's test runner: results to the log, lcov to the report the gate reads. */
    static final String NODE_TEST = "mkdir -p coverage && node --test --experimental-test-coverage"
            + " --test-reporter=spec --test-reporter-destination=stdout"
            + " --test-reporter=lcov --test-reporter-destination=coverage/lcov.info";

    private SampleApps() {
    }

    /** A static site under {@code web/}: fully tested, built into {@code dist/} with a build-info.json. */
    static void web(GitRepo repo) throws IOException {
        repo.write("web/lib.js", """
                        'use strict';

                        function greet(name) {
                          if (!name) {
                            return 'Hello, stranger';
                          }
                          return 'Hello, ' + name;
                        }

                        module.exports = { greet };
                        """)
                .write("web/test/lib.test.js", """
                        'use strict';
                        const test = require('node:test');
                        const assert = require('node:assert');
                        const { greet } = require('../lib.js');

                        test('greets by name', () => {
                          assert.strictEqual(greet('shop'), 'Hello, shop');
                        });

                        test('greets a stranger', () => {
                          assert.strictEqual(greet(''), 'Hello, stranger');
                        });
                        """)
                .write("web/build.js", """
                        'use strict';
                        const fs = require('node:fs');
                        const { greet } = require('./lib.js');

                        fs.mkdirSync('dist', { recursive: true });
                        fs.writeFileSync('dist/index.html', '<!doctype html><title>shop</title><h1>' + greet('shop') + '</h1>\\n');
                        fs.writeFileSync('dist/build-info.json', JSON.stringify({
                          commit: process.env.SLIPWAY_COMMIT_SHA,
                          version: process.env.SLIPWAY_VERSION,
                          buildNumber: process.env.SLIPWAY_BUILD_NUMBER,
                          app: process.env.SLIPWAY_APP,
                          environment: process.env.SLIPWAY_ENVIRONMENT,
                          branch: process.env.SLIPWAY_BRANCH,
                        }) + '\\n');
                        console.log('built dist/ for ' + process.env.SLIPWAY_COMMIT_SHA);
                        """);
    }

    /** A Node HTTP service under {@code api/}, tested, deployed as its folder. */
    static void api(GitRepo repo) throws IOException {
        repo.write("api/server.js", """
                        'use strict';
                        const http = require('node:http');

                        function handle(req, res) {
                          res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'text/plain' });
                          res.end(req.url === '/health' ? 'ok' : 'not found');
                        }

                        if (require.main === module) {
                          http.createServer(handle).listen(Number(process.env.PORT || 8000));
                        }
                        module.exports = { handle };
                        """)
                .write("api/test/server.test.js", """
                        'use strict';
                        const test = require('node:test');
                        const assert = require('node:assert');
                        const { handle } = require('../server.js');

                        test('health answers ok', () => {
                          let status;
                          handle({ url: '/health' }, { writeHead: (s) => { status = s; }, end: () => {} });
                          assert.strictEqual(status, 200);
                        });
                        """);
    }

    /** The price module whose real lcov report is in src/test/resources/coverage: 75 % of lines. */
    static void partlyTestedWeb(GitRepo repo) throws IOException, URISyntaxException {
        Path sources = Path.of(SampleApps.class.getResource("/coverage/sources/js").toURI());
        repo.write("web/price.js", Files.readString(sources.resolve("price.js")))
                .write("web/test/price.test.js", Files.readString(sources.resolve("test/price.test.js")))
                .write("web/build.js", "require('node:fs').mkdirSync('dist', { recursive: true });\n");
    }
}
