import { describe, expect, it, vi } from 'vitest';
import { Cart } from '../src/cart';

describe('Cart', () => {
  it('starts empty', () => {
    expect(new Cart().total()).toBe(0);
  });

  it.each([
    [1, 2.5, 2.5],
    [3, 2, 6],
  ])('adds %i item(s) at %d', (quantity, price, total) => {
    const cart = new Cart();
    cart.add({ sku: 'a', price, quantity });
    expect(cart.total()).toBe(total);
  });

  it('reports each new total', () => {
    const onChange = vi.fn();
    const cart = new Cart(onChange);
    cart.add({ sku: 'a', price: 1, quantity: 1 });
    cart.add({ sku: 'b', price: 2, quantity: 1 });
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(onChange).toHaveBeenLastCalledWith(3);
  });

  it('lets a spy watch total()', () => {
    const cart = new Cart();
    const spy = vi.spyOn(cart, 'total').mockReturnValue(42);
    expect(cart.total()).toBe(42);
    spy.mockRestore();
    expect(cart.total()).toBe(0);
  });
});
