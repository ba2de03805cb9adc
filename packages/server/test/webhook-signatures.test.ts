import { describe, expect, it } from 'vitest';
import { createHub } from '../src/index.js';
import { DeliveryIds } from '../src/webhooks/delivery-ids.js';
import { readSettingsEnv } from '../src/options/settings-env.js';
import { standardSignature, standardSignatureMatches, standardWebhookKey } from '../src/webhooks/webhook-signatures.js';

describe('webhook signatures', () => {
  it('computes the Standard Webhooks spec example signature', () => {
    // The example of the spec and its reference libraries (standard-webhooks/standard-webhooks).
    const key = standardWebhookKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const signature = standardSignature(key, 'msg_p5jXN8AQM9LWM0D4loKWxJek', '1614265330', Buffer.from('{"test": 2432232314}'));
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(standardSignatureMatches(`v1,bm9wZQ== ${signature}`, signature)).toBe(true);
    expect(standardSignatureMatches('v1,bm9wZQ== v1,', signature)).toBe(false);
  });

  it('refuses to start with a whsec_ secret that is not base64, without showing it', () => {
    const secret = 'whsec_not base64!';
    for (const start of [() => createHub({ root: '/tmp', webhookSecret: secret }), () => readSettingsEnv({ HOTHUB_WEBHOOK_SECRET: secret })]) {
      expect(start).toThrow(/whsec_ must be base64 after the prefix/);
      expect(start).toThrow(expect.objectContaining({ message: expect.not.stringContaining('base64!') }));
    }
  });
});

describe('DeliveryIds', () => {
  it('refuses an id until its expiry, then forgets it', () => {
    let now = 1_000;
    const ids = new DeliveryIds({ max: 10, now: () => now });
    expect(ids.claim('a', 2_000)).toBe('accepted');
    expect(ids.claim('a', 9_000)).toBe('replayed');
    now = 2_000;
    expect(ids.claim('b', 3_000)).toBe('accepted');
    expect(ids.size).toBe(1);
    expect(ids.claim('a', 3_000)).toBe('accepted');
  });

  it('answers full at its cap instead of forgetting a live id, and frees room as ids expire', () => {
    let now = 0;
    const ids = new DeliveryIds({ max: 3, now: () => now });
    for (const [id, expiry] of [['a', 100], ['b', 200], ['c', 300]] as const) expect(ids.claim(id, expiry)).toBe('accepted');
    expect(ids.claim('d', 400)).toBe('full');
    expect(ids.claim('a', 400)).toBe('replayed');
    now = 100;
    expect(ids.claim('d', 400)).toBe('accepted');
    ids.release('d');
    expect(ids.claim('d', 400)).toBe('accepted');
  });
});
