import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { contentHash } from '../util/content-hash.js';
import { ReloadFailure } from '../util/errors.js';
import { isInside } from '../watch/kind-folders.js';
import { listFiles } from '../watch/list-files.js';

/** Files under `components/` that are ES modules the browser imports (and component ids). */
export const MODULE_FILE = /^(.+)\.m?js$/;

interface LocalImport {
  /** Where the specifier's text is in the source (quotes included for `import()`). */
  start: number;
  end: number;
  dynamic: boolean;
  file: string;
}

/** A component module with the closure of the local modules it imports. */
export interface ComponentClosure {
  /** Every module reachable from the entry (entry included) with the modules it imports directly. */
  imports: Map<string, string[]>;
  /** Covers the entry and every module it reaches: changes when any of them does. */
  version: string;
  /** The entry's code with each local import pinned to its dependency's version (`./x.js?v=…`). */
  code: string;
}

/**
 * The browser caches a module by URL for the page's lifetime, so an edited dependency is only
 * fetched again under a new URL: every local import is rewritten to carry the version of what
 * it reaches, and an importer's own version covers its dependencies (its URL changes with them).
 * @example
 * const closure = await readClosure('/app/components/counter.js', text, '/app/components');
 */
export async function readClosure(entry: string, text: string, dir: string): Promise<ComponentClosure> {
  await init;
  const texts = new Map<string, string>([[entry, text]]);
  const locals = new Map<string, LocalImport[]>();
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const found = localImports(file, texts.get(file) ?? '', dir);
    locals.set(file, found);
    for (const dependency of found) {
      if (texts.has(dependency.file)) continue;
      texts.set(dependency.file, await readDependency(dependency, file, texts.get(file) ?? ''));
      queue.push(dependency.file);
    }
  }
  const imports = new Map([...locals].map(([file, found]) => [file, [...new Set(found.map((i) => i.file))]]));
  const versionOf = (file: string) => closureVersion(file, imports, texts);
  let code = text;
  // From the last import back, so earlier offsets stay valid.
  for (const found of [...(locals.get(entry) ?? [])].reverse()) {
    const original = text.slice(found.start, found.end);
    const bare = found.dynamic ? original.slice(1, -1) : original;
    const pinned = `${bare}?v=${versionOf(found.file)}`;
    code = code.slice(0, found.start) + (found.dynamic ? JSON.stringify(pinned) : pinned) + code.slice(found.end);
  }
  return { imports, version: versionOf(entry), code };
}

/**
 * Whether some other module under `dir` imports `file`, read from disk: at startup modules load
 * in parallel, so the importer may not have been loaded yet.
 * @example
 * await isImportedUnder('/app/components', '/app/components/lib/format.js'); // true if counter.js imports it
 */
export async function isImportedUnder(dir: string, file: string): Promise<boolean> {
  await init;
  for (const other of await listFiles(dir)) {
    if (other === file || !MODULE_FILE.test(other)) continue;
    const text = await readFile(other, 'utf8').catch(() => '');
    if (localImports(other, text, dir).some((found) => found.file === file)) return true;
  }
  return false;
}

/** Relative imports of modules inside the components folder; packages and URLs are left to the page. */
function localImports(file: string, text: string, dir: string): LocalImport[] {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text, file);
  } catch {
    // A dependency that does not parse reports its own error when its reload runs.
    return [];
  }
  const found: LocalImport[] = [];
  for (const i of parsed[0]) {
    const specifier = i.n;
    if (!specifier || !/^\.\.?\//.test(specifier) || !MODULE_FILE.test(specifier)) continue;
    const target = resolve(dirname(file), specifier);
    if (isInside(dir, target)) found.push({ start: i.s, end: i.e, dynamic: i.d > -1, file: target });
  }
  return found;
}

async function readDependency(dependency: LocalImport, importer: string, importerText: string): Promise<string> {
  try {
    return await readFile(dependency.file, 'utf8');
  } catch {
    const before = importerText.slice(0, dependency.start);
    const line = before.split('\n').length;
    const column = dependency.start - before.lastIndexOf('\n');
    throw new ReloadFailure(`cannot find module ${importerText.slice(dependency.start, dependency.end)}`, {
      file: importer,
      line,
      column,
    });
  }
}

function closureVersion(file: string, imports: ReadonlyMap<string, string[]>, texts: ReadonlyMap<string, string>): string {
  const reached = new Set([file]);
  for (const current of reached) for (const next of imports.get(current) ?? []) reached.add(next);
  const parts = [...reached].sort().map((f) => `${f}\0${contentHash(texts.get(f) ?? '')}`);
  return contentHash(parts.join('\n'));
}
