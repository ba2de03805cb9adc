import { init, parse } from 'es-module-lexer';
import { ReloadFailure } from '../util/errors.js';
import { positionAt } from '../util/text-position.js';
import { isImportedUnder } from './component-imports.js';
import type { SourceFile } from '../pipeline/kind.js';

const EXAMPLE = 'export default { mount(el, state) { … }, unmount(el) { return state; } }';

/**
 * The SDK mounts a module's default export (`componentOf` in packages/client). Checked from the
 * exports alone, without running the module (the default export's shape stays the page's check):
 * - a default export, or a module another module under `components/` imports: accepted;
 * - `mount` exported without a default: refused, the page would refuse it;
 * - no export at all: refused (an empty file or a save cut off before its export);
 * - other named exports only: accepted as a helper whose importer may be saved next.
 * `importedBy` answers from the import graph; only a miss reads the folder (at startup modules
 * load in parallel, so the importer may not be loaded yet).
 * @example
 * await checkComponentExports(source, 'export function mount() {}', '/app/components', () => false); // throws
 */
export async function checkComponentExports(source: SourceFile, text: string, dir: string, importedBy: () => boolean): Promise<void> {
  await init;
  const [, exports] = parse(text, source.path);
  const mount = exports.find((e) => e.n === 'mount');
  if (exports.some((e) => e.n === 'default') || (exports.length > 0 && !mount)) return;
  if (importedBy() || (await isImportedUnder(dir, source.path))) return;
  if (mount) {
    throw new ReloadFailure(`${source.relPath} exports mount but no default: the SDK mounts the default export, write ${EXAMPLE}`, {
      file: source.path,
      ...positionAt(text, mount.s),
    });
  }
  throw new ReloadFailure(`${source.relPath} exports no component: write ${EXAMPLE} (a helper module is accepted once a component imports it)`, {
    file: source.path,
  });
}
