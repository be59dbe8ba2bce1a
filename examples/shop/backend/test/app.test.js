'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { route, createServer, state } = require('../app');

test('health answers UP', () => {
  assert.deepStrictEqual(route('GET', '/health'), { status: 200, body: { status: 'UP' } });
});

test('health answers 503 with the reason once the process is unhealthy', () => {
  state.healthy = false;
  state.reason = 'connection pool exhausted';
  try {
    assert.deepStrictEqual(route('GET', '/health'),
      { status: 503, body: { status: 'DOWN', reason: 'connection pool exhausted' } });
  } finally {
    state.healthy = true;
    state.reason = null;
  }
});

test('version names the commit Slipway deployed', () => {
  const res = route('GET', '/version');
  assert.strictEqual(res.status, 200);
  assert.ok(res.body.commit);
});

test('unknown routes answer 404 naming the route', () => {
  const res = route('POST', '/nope');
  assert.strictEqual(res.status, 404);
  assert.match(res.body.error, /POST \/nope/);
});

test('the server answers over HTTP', async () => {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${server.address().port}/version`);
    assert.strictEqual(res.status, 200);
    assert.ok((await res.json()).commit);
  } finally {
    server.close();
  }
});
