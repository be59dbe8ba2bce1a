'use strict';
const http = require('node:http');

// Routes are plain functions so tests can call the server without a network.
function route(method, url) {
  if (method === 'GET' && url === '/health') {
    return { status: 200, body: { status: 'UP' } };
  }
  if (method === 'GET' && url === '/api/version') {
    return { status: 200, body: { commit: process.env.SLIPWAY_COMMIT_SHA || 'unknown' } };
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

module.exports = { route, createServer };
