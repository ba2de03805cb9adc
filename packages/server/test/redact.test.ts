import { describe, expect, it } from 'vitest';
import { Redactor } from '../src/config/redact.js';

describe('Redactor', () => {
  it('finds the first secret-looking key anywhere in a config, through arrays, and nothing in a config without one', () => {
    const redactor = new Redactor();
    expect(redactor.firstSecretKey({ db: { host: 'h', password: 'x' } })).toBe('db.password');
    expect(redactor.firstSecretKey({ services: [{ name: 'a' }, { name: 'b', apiKeys: ['k'] }] })).toBe('services.1.apiKeys');
    expect(redactor.firstSecretKey({ SECRET_KEY: 1 })).toBe('SECRET_KEY');
    expect(redactor.firstSecretKey({ keyboard: 'qwerty', monkey: { tokenizer: 'x' }, list: ['password'] })).toBeUndefined();
    expect(redactor.firstSecretKey('password')).toBeUndefined();
    // The same names answered again (remembered) give the same answers.
    expect(redactor.firstSecretKey({ db: { host: 'h', password: 'x' } })).toBe('db.password');
    expect(new Redactor(['pin']).firstSecretKey({ password: 'x', card: { pins: [1] } })).toBe('card.pins');
  });
});
