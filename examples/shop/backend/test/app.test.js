'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { route, createServer } = require('../app');

test('health answers UP', () => {
  assert.deepStrictEqual(route('GET', '/health'), { status: 200, body: { status: 'UP' } });
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
    const res = await fetch(`http://127.0.0.1:${server.address().port}/api/version`);
    assert.strictEqual(res.status, 200);
    assert.ok((await res.json()).commit);
  } finally {
    server.close();
  }
});
