'use strict';
const { createServer, state } = require('./app');

const port = Number(process.env.PORT || 8000);
const server = createServer().listen(port, '127.0.0.1', () => console.log(`api listening on ${port}`));

// Slipway stops the old slot with SIGTERM: finish the requests in flight, then exit.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
module.exports = { server, state };
