'use strict';
const { createServer, state } = require('./app');

const port = Number(process.env.PORT || 8000);
// loopback on the local target; a container (the Dockerfile) listens on every interface
const host = process.env.HOST || '127.0.0.1';
const server = createServer().listen(port, host, () => console.log(`api listening on ${host}:${port}`));

// Slipway stops the old slot with SIGTERM: finish the requests in flight, then exit.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
module.exports = { server, state };
