import { basename, dirname, resolve } from 'node:path';
import { type BuildFailure, type Message, build } from 'esbuild';
import { contentHash } from '../util/content-hash.js';
import { ReloadFailure } from '../util/errors.js';

/** A module and every local file it imports, bundled into one CommonJS script that is evaluated from memory. */
export interface ModuleBundle {
  /** Absolute path of the module's own file. */
  entry: string;
  code: string;
  /** esbuild's source map of `code`, parsed only when an error needs a location. */
  sourceMap: string;
  /** Hash of the bundled code: changes when the module or any file it imports does. */
  version: string;
  /** Every local file in the bundle (absolute) with the local files it imports. */
  imports: Map<string, string[]>;
}

/**
 * Bundles `entry` with esbuild. Packages under node_modules and Node builtins stay external
 * (`require`d at run time), so only the project's own files are re-read on every reload.
 * Build errors become a `ReloadFailure` naming file, line and column.
 */
export async function bundleModule(entry: string): Promise<ModuleBundle> {
  const workDir = dirname(entry);
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: workDir,
    // Never written (write: false); it only anchors the source map's relative paths.
    outfile: resolve(workDir, `${basename(entry)}.hothub.cjs`),
    bundle: true,
    write: false,
    metafile: true,
    sourcemap: 'external',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  }).catch((error: unknown) => {
    throw isBuildFailure(error) ? toReloadFailure(error, workDir, entry) : error;
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.cjs'))?.text ?? '';
  const sourceMap = result.outputFiles.find((file) => file.path.endsWith('.map'))?.text ?? '';
  const imports = new Map<string, string[]>();
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    const local = input.imports.filter((i) => !i.external).map((i) => resolve(workDir, i.path));
    imports.set(resolve(workDir, path), local);
  }
  return { entry, code, sourceMap, version: contentHash(code), imports };
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && 'errors' in error && Array.isArray(error.errors);
}

/** The first error, located in the file that has it (a helper, not necessarily the entry). */
function toReloadFailure(failure: BuildFailure, workDir: string, entry: string): ReloadFailure {
  const [first] = failure.errors;
  if (!first) return new ReloadFailure(failure.message, { file: entry });
  const more = failure.errors.length > 1 ? ` (and ${failure.errors.length - 1} more)` : '';
  return new ReloadFailure(`${first.text}${more}`, locationOf(first, workDir, entry));
}

function locationOf(message: Message, workDir: string, entry: string): { file: string; line?: number; column?: number } {
  const location = message.location;
  if (!location) return { file: entry };
  // esbuild's columns count from 0; editors and Node's stack traces count from 1.
  return { file: resolve(workDir, location.file), line: location.line, column: location.column + 1 };
}
