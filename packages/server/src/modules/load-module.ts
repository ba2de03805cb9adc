import type { Kind, SourceFile } from '../kinds/kind.js';
import { type ModuleBundle, bundleModule } from './bundle-module.js';
import { type ModuleExports, evaluateBundle } from './evaluate-module.js';
import type { ImportGraph } from './import-graph.js';

/** A module evaluated from its bundle; `bundle` stays with it to locate errors its hooks throw later. */
export interface LoadedModule {
  bundle: ModuleBundle;
  exports: ModuleExports;
}

/**
 * Bundles and evaluates an artifact's file. The import graph is updated as soon as the bundle
 * builds, so a helper that makes the module throw at import still reloads it once fixed.
 */
export async function loadModule(source: SourceFile, id: string, graph: ImportGraph): Promise<LoadedModule> {
  const bundle = await bundleModule(source.path);
  graph.record(id, { file: source.path, relPath: source.relPath, imports: bundle.imports });
  return { bundle, exports: evaluateBundle(bundle) };
}

/**
 * What every module kind shares: ids from a file pattern (its first group), loading into the import graph,
 * versions that cover imports, and dependents to reload when an imported file is saved.
 */
export function moduleKindParts(pattern: RegExp, graph: ImportGraph) {
  const idOf = (relPath: string) => pattern.exec(relPath)?.[1];
  const hooks: Pick<Kind<{ loaded: LoadedModule }>, 'idOf' | 'versionOf' | 'dependentsOf' | 'importedFiles'> = {
    idOf,
    versionOf: (artifact) => artifact.loaded.bundle.version,
    dependentsOf: (file) => graph.dependentsOf(file),
    importedFiles: () => graph.files(),
  };
  return { hooks, load: (source: SourceFile) => loadModule(source, idOf(source.relPath) ?? source.relPath, graph) };
}
