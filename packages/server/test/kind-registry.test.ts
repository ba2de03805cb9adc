import { KINDS } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIRS, KIND_NAMES } from '../src/kinds/index.js';
import { ASSET } from '../src/kinds/asset.js';
import { STYLE } from '../src/kinds/style.js';

// The wire's closed list of kinds (packages/shared) and the server's kind modules are written in two
// places on purpose (the SDK validates `kind` without the server's code): this keeps them equal.
describe('kind registry', () => {
  it('registers every kind of the wire list once, and nothing else', () => {
    expect([...KIND_NAMES].sort()).toEqual([...KINDS].sort());
    expect(new Set(KIND_NAMES).size).toBe(KIND_NAMES.length);
  });

  it('takes each default folder from the kind module that declares it', () => {
    expect(DEFAULT_DIRS.style).toBe(STYLE.defaultDir);
    expect(DEFAULT_DIRS.asset).toBe(ASSET.defaultDir);
    expect(Object.keys(DEFAULT_DIRS).sort()).toEqual([...KINDS].sort());
    expect(new Set(Object.values(DEFAULT_DIRS)).size).toBe(KINDS.length);
  });
});
