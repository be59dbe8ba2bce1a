'use strict';
const { createServer } = require('./app');

const port = Number(process.env.PORT || 8000);
createServer().listen(port, '127.0.0.1', () => console.log(`api listening on ${port}`));
