'use strict';

// Prices are integer cents so totals never drift through floating point.
function lineTotal(item) {
  if (!Number.isInteger(item.priceCents) || item.priceCents < 0) {
    throw new Error(`invalid price for ${item.sku}`);
  }
  if (!Number.isInteger(item.quantity) || item.quantity < 1) {
    throw new Error(`invalid quantity for ${item.sku}`);
  }
  return item.priceCents * item.quantity;
}

function cartTotal(items) {
  return items.reduce((sum, item) => sum + lineTotal(item), 0);
}

function formatCents(cents) {
  const euros = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return `€${euros}.${rest}`;
}

module.exports = { lineTotal, cartTotal, formatCents };
