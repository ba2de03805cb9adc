import { type TransformFailure, transform } from 'esbuild';
import { ImportGraph } from '../modules/import-graph.js';
import { ReloadFailure } from '../util/errors.js';
import { checkComponentExports } from './component-contract.js';
import { MODULE_FILE, readClosure } from './component-imports.js';
import type { Kind, KindInfo, ServedAsset } from '../pipeline/kind.js';
import { assetUrl } from './style.js';

export const COMPONENT: KindInfo = { name: 'component', defaultDir: 'components' };

/**
 * `components/<id>.js` (or `.mjs`): ES modules the browser imports from `/assets/component/…`.
 * A save is syntax-checked here, and must export a component (or be imported as a helper), so a
 * broken file never reaches a page; a module importing
 * other modules under `components/` is reloaded (and re-mounted) when one of them changes.
 */
export function componentKind(): Kind<ServedAsset> {
  const graph = new ImportGraph();
  return {
    name: COMPONENT.name,
    idOf: (relPath) => MODULE_FILE.exec(relPath)?.[1],
    async load(source, { id, dir }) {
      const text = source.bytes.toString('utf8');
      await checkSyntax(text, source.path);
      await checkComponentExports(source, text, dir, () => graph.dependentsOf(source.path).length > 0);
      const closure = await readClosure(source.path, text, dir);
      graph.record(id, {
        file: source.path,
        relPath: source.relPath,
        imports: closure.imports,
      });
      return { contentType: 'text/javascript', body: closure.code, version: closure.version };
    },
    served: (module) => module,
    remove(id) {
      graph.forget(id);
    },
    versionOf: (module) => module.version,
    dependentsOf: (file) => graph.dependentsOf(file),
    importedFiles: () => graph.files(),
    browserFields: (_id, module, source) => ({ url: assetUrl('component', source.relPath, module.version) }),
  };
}

/** esbuild parses the module as the browser will; its first error becomes `reload_failed` with file, line and column. */
async function checkSyntax(text: string, file: string): Promise<void> {
  try {
    await transform(text, { loader: 'js', format: 'esm', sourcefile: file, logLevel: 'silent' });
  } catch (error) {
    const first = isTransformFailure(error) ? error.errors[0] : undefined;
    if (!first) throw error;
    // esbuild counts columns from 0; editors and browsers count from 1.
    const location = first.location ? { line: first.location.line, column: first.location.column + 1 } : {};
    throw new ReloadFailure(`syntax error: ${first.text}`, { file, ...location });
  }
}

function isTransformFailure(error: unknown): error is TransformFailure {
  return error instanceof Error && 'errors' in error && Array.isArray(error.errors);
}
