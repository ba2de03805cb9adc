import type { Published, StandardSchemaV1 } from '@hothub/shared';
import { describe, expect, it, vi } from 'vitest';
import { Topics } from '../src/connection/topics.js';

/** A Standard Schema by hand (zod 4, valibot… implement the same interface): `{ items: number }`. */
const Cart: StandardSchemaV1<unknown, { items: number }> = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: (value) =>
      typeof value === 'object' && value !== null && 'items' in value && typeof value.items === 'number'
        ? { value: { items: value.items } }
        : { issues: [{ message: 'items: expected a number' }] },
  },
};

const published = (topic: string, data: unknown, seq = 1): Published => ({ seq, ts: 0, topic, data });

describe('Topics', () => {
  it('sends the topic set when it changes, and delivers each event to its topic only', () => {
    const sent: string[][] = [];
    const topics = new Topics((list) => sent.push(list));
    const cart = vi.fn();
    const stop = topics.subscribe('cart', cart);
    topics.subscribe('cart', () => {});
    topics.subscribe('orders:new', () => {});
    topics.deliver(published('cart', { n: 1 }));
    topics.deliver(published('news', 'x'));
    expect(cart).toHaveBeenCalledTimes(1);
    expect(cart).toHaveBeenCalledWith({ n: 1 }, published('cart', { n: 1 }));
    stop();
    expect(sent).toEqual([['cart'], ['cart', 'orders:new']]);
    expect(topics.list()).toEqual(['cart', 'orders:new']);
  });

  it('refuses a topic the hub would refuse, naming the rule', () => {
    const topics = new Topics(() => {});
    expect(() => topics.subscribe('bad topic!', () => {})).toThrow(/topic/);
    expect(topics.list()).toEqual([]);
  });

  it('checks typed topics with their schema before the handler runs', async () => {
    const topics = new Topics(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const typed = topics.typed({ cart: Cart });
    const seen: number[] = [];
    typed.subscribe('cart', (data) => seen.push(data.items));
    topics.deliver(published('cart', { items: 3 }));
    topics.deliver(published('cart', { items: 'three' }));
    await expect.poll(() => warn.mock.calls.length).toBe(1);
    expect(seen).toEqual([3]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/dropped a "cart" event/));
    warn.mockRestore();
  });
});
