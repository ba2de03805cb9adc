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

/** The hooks every module kind shares: versions cover imports, and saving an import reloads its dependents. */
export function moduleHooks(graph: ImportGraph): Pick<Kind<{ loaded: LoadedModule }>, 'versionOf' | 'dependentsOf' | 'importedFiles'> {
  return {
    versionOf: (artifact) => artifact.loaded.bundle.version,
    dependentsOf: (file) => graph.dependentsOf(file),
    importedFiles: () => graph.files(),
  };
}
