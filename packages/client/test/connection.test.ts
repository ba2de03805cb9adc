import { describe, expect, it } from 'vitest';
import { assetHref } from '../src/connection/asset-href.js';
import { hubUrlFromScript, socketPathOf } from '../src/connection/hub-url.js';
import { SeqTracker } from '../src/connection/seq-tracker.js';

describe('hubUrlFromScript', () => {
  it('finds the hub origin and any path prefix from the script URL', () => {
    expect(hubUrlFromScript('http://127.0.0.1:8888/hothub/client.js')).toBe('http://127.0.0.1:8888');
    expect(hubUrlFromScript('https://app.test/dev/hothub/client.mjs')).toBe('https://app.test/dev');
  });

  it('joins hub paths under the prefix instead of resolving them to the origin', () => {
    expect(assetHref('https://app.test/dev', '/assets/style/a.css?v=1')).toBe('https://app.test/dev/assets/style/a.css?v=1');
  });
});

describe('socketPathOf', () => {
  it('puts the socket at the root of the server an app mounted the hub in, under any proxy prefix', () => {
    expect(socketPathOf('http://127.0.0.1:3000/hot', '/hot')).toBe('/ws/hot-reload');
    expect(socketPathOf('https://app.test/dev/hot', '/hot')).toBe('/dev/ws/hot-reload');
  });

  it('keeps the prefix of a hub that is not mounted (standalone, or behind a proxy)', () => {
    expect(socketPathOf('http://127.0.0.1:8888', '')).toBe('/ws/hot-reload');
    expect(socketPathOf('https://app.test/dev', '')).toBe('/dev/ws/hot-reload');
  });
});

describe('SeqTracker', () => {
  it('starts a fresh page from the seq it was greeted with and takes each later seq once', () => {
    const seqs = new SeqTracker();
    seqs.connected('hub-a', 5);
    expect(seqs.take(5)).toBe(false);
    expect(seqs.take(6)).toBe(true);
    expect(seqs.take(6)).toBe(false);
    expect(seqs.resume()).toEqual({ lastSeq: 6, serverId: 'hub-a' });
  });

  it('keeps its place across a reconnection to the same hub and starts over with another one', () => {
    const seqs = new SeqTracker();
    seqs.connected('hub-a', 2);
    seqs.take(3);
    seqs.connected('hub-a', 9);
    expect(seqs.lastSeq).toBe(3);
    seqs.connected('hub-b', 1);
    expect(seqs.lastSeq).toBe(0);
    expect(seqs.take(1)).toBe(true);
  });
});
