'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { total, discount } = require('../price.js');

test('total multiplies price by quantity', () => {
  assert.strictEqual(total([{ price: 2, quantity: 3 }, { price: 1, quantity: 1 }]), 7);
});

test('HALF halves the amount', () => {
  assert.strictEqual(discount(10, 'HALF'), 5);
});
