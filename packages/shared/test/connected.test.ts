import { describe, expect, it } from 'vitest';
import { Connected } from '../src/events/connected.js';
import { validate } from '../src/validate.js';

describe('connected', () => {
  it("carries each kind's folder, and still accepts a hub that sends none", () => {
    const greeting = { protocol: 1, serverId: 's', seq: 0, kinds: ['style'] };
    expect(validate(Connected, { ...greeting, folders: { style: 'css', component: 'src/components' } }).ok).toBe(true);
    expect(validate(Connected, greeting).ok).toBe(true);
    const bad = validate(Connected, { ...greeting, folders: { style: 3 } }, 'connected event');
    expect(bad.ok ? '' : bad.error.message).toMatch(/^invalid connected event at folders\.style/);
  });
});
