'use strict';
// Writes the deployable site to dist/, stamping it with the commit Slipway built.
const fs = require('node:fs');
const path = require('node:path');
const { cartTotal, formatCents } = require('./src/cart');

const dist = path.join(__dirname, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });

const info = {
  app: process.env.SLIPWAY_APP || 'shop',
  commit: process.env.SLIPWAY_COMMIT_SHA || 'unknown',
  branch: process.env.SLIPWAY_BRANCH || 'unknown',
  environment: process.env.SLIPWAY_ENVIRONMENT || 'unknown',
  version: process.env.SLIPWAY_VERSION || 'unknown',
  builtAt: new Date().toISOString(),
};
fs.writeFileSync(path.join(dist, 'build-info.json'), JSON.stringify(info, null, 2) + '\n');

const sample = formatCents(cartTotal([{ sku: 'mug', priceCents: 1250, quantity: 2 }]));
fs.writeFileSync(path.join(dist, 'index.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Shop</title></head>
<body>
  <h1>Shop</h1>
  <p>Two mugs cost ${sample}.</p>
  <footer>commit <code>${info.commit.slice(0, 7)}</code> · ${info.environment}</footer>
</body>
</html>
`);
console.log(`built dist/ for commit ${info.commit}`);
