import { describe, expect, it } from 'vitest';
import { toggleInOrder } from '../../src/wizard/toggle-in-order';

describe('toggleInOrder', () => {
  const all = ['a', 'b', 'c', 'd'];

  it('removes an item that is chosen and keeps the others in place', () => {
    expect(toggleInOrder(all, ['d', 'b', 'a'], 'b')).toEqual(['d', 'a']);
  });

  it('adds an item and returns the chosen ones in the order of all', () => {
    expect(toggleInOrder(all, ['d', 'a'], 'b')).toEqual(['a', 'b', 'd']);
  });

  it('drops chosen items that are no longer offered when adding', () => {
    expect(toggleInOrder(all, ['gone', 'c'], 'a')).toEqual(['a', 'c']);
  });

  it('adds to an empty choice', () => {
    expect(toggleInOrder(all, [], 'c')).toEqual(['c']);
  });
});
