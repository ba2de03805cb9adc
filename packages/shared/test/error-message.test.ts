import { describe, expect, it } from 'vitest';
import { errorMessage } from '../src/error-message.js';

describe('errorMessage', () => {
  it('reads the message of an Error, of an error-shaped value from another realm, and prints anything else', () => {
    expect(errorMessage(new TypeError('bad type'))).toBe('bad type');
    // What a `vm` context or an iframe throws: an Error, but not of this realm's Error class.
    expect(errorMessage(Object.assign(Object.create(null), { name: 'Error', message: 'from elsewhere' }))).toBe('from elsewhere');
    expect(errorMessage('plain string')).toBe('plain string');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(null)).toBe('null');
    expect(errorMessage({ message: 7 })).toBe('[object Object]');
  });
});
