'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { lineTotal, cartTotal, formatCents } = require('../src/cart');

test('a line costs price times quantity', () => {
  assert.strictEqual(lineTotal({ sku: 'mug', priceCents: 1250, quantity: 2 }), 2500);
});

test('a cart sums its lines', () => {
  assert.strictEqual(cartTotal([
    { sku: 'mug', priceCents: 1250, quantity: 2 },
    { sku: 'tee', priceCents: 1999, quantity: 1 },
  ]), 4499);
});

test('negative prices and zero quantities are refused', () => {
  assert.throws(() => lineTotal({ sku: 'mug', priceCents: -1, quantity: 1 }), /invalid price for mug/);
  assert.throws(() => lineTotal({ sku: 'mug', priceCents: 100, quantity: 0 }), /invalid quantity for mug/);
});

test('cents are shown as euros', () => {
  assert.strictEqual(formatCents(4499), '€44.99');
  assert.strictEqual(formatCents(5), '€0.05');
});
