'use strict';
const http = require('node:http');

// What /health reports; server.js (or a test) may mark the process unhealthy.
const state = { healthy: true, reason: null };

// Routes are plain functions so tests can call the server without a network. Slipway's edge serves this
// service under /api and strips that prefix, so /api/version arrives here as /version.
function route(method, url) {
  if (method === 'GET' && url === '/health') {
    return state.healthy
      ? { status: 200, body: { status: 'UP' } }
      : { status: 503, body: { status: 'DOWN', reason: state.reason } };
  }
  if (method === 'GET' && url === '/version') {
    return {
      status: 200,
      body: {
        commit: process.env.SLIPWAY_COMMIT_SHA || 'unknown',
        version: process.env.SLIPWAY_VERSION || 'unknown',
        environment: process.env.SLIPWAY_ENVIRONMENT || 'unknown',
      },
    };
  }
  return { status: 404, body: { error: `no route for ${method} ${url}` } };
}

function createServer() {
  return http.createServer((req, res) => {
    const { status, body } = route(req.method, req.url);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
}

module.exports = { route, createServer, state };
