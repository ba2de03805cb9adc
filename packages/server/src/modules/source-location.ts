import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { validate } from '@hothub/shared';
import * as z from 'zod';
import type { ReloadError } from '@hothub/shared';
import { stackOf } from '../util/errors.js';
import type { ModuleBundle } from './bundle-module.js';

const SourceMapPayload = z.object({
  version: z.number(),
  sources: z.array(z.string()),
  names: z.array(z.string()),
  mappings: z.string(),
});

/**
 * The name stack traces give a bundle's code, so its frames can be told apart from Node's, and
 * an error thrown later (from a timer, a promise) can be traced to the module version that threw it.
 */
export function bundleFilename(bundle: ModuleBundle): string {
  return `hothub-bundle:${bundle.entry}#${bundle.version}`;
}

/**
 * Where in the original sources an error thrown by bundled code was raised: the innermost
 * stack frame inside the bundle, mapped back through esbuild's source map. Falls back to the entry file.
 */
export function locateError(error: unknown, bundle: ModuleBundle): Omit<ReloadError, 'message'> {
  const fallback = { file: bundle.entry };
  const stack = stackOf(error);
  const frame = stack ? framePattern(bundleFilename(bundle)).exec(stack) : null;
  if (!frame) return fallback;
  const parsed = validate(SourceMapPayload, safeJson(bundle.sourceMap), 'source map');
  if (!parsed.ok) return fallback;
  const entry = new SourceMap({ ...parsed.value, file: bundle.entry, sourceRoot: '', sourcesContent: [] }).findEntry(
    Number(frame[1]) - 1,
    Number(frame[2]) - 1,
  );
  if (!('originalSource' in entry)) return fallback;
  return {
    file: resolve(dirname(bundle.entry), entry.originalSource),
    line: entry.originalLine + 1,
    column: entry.originalColumn + 1,
  };
}

function framePattern(filename: string): RegExp {
  return new RegExp(`${filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
