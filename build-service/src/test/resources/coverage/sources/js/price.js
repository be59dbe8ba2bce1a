'use strict';

function total(items) {
  let sum = 0;
  for (const item of items) {
    sum += item.price * item.quantity;
  }
  return sum;
}

function discount(amount, code) {
  if (code === 'HALF') {
    return amount / 2;
  }
  if (code === 'TENOFF') {
    return Math.max(0, amount - 10);
  }
  return amount;
}

function currency(amount) {
  if (amount < 0) {
    throw new Error('negative amount');
  }
  return amount.toFixed(2) + ' EUR';
}

module.exports = { total, discount, currency };
