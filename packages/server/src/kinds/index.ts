import type { KindName } from '@hothub/shared';
import type { AnyKind } from './kind.js';
import { styleKind } from './style.js';

export interface KindContext {
  inlineLimit: number;
}

/** Every built-in kind, by name. Adding a kind is one module and one line here. */
export function builtinKinds(context: KindContext): Map<KindName, AnyKind> {
  const kinds: AnyKind[] = [styleKind(context.inlineLimit)];
  return new Map(kinds.map((kind) => [kind.name, kind]));
}
