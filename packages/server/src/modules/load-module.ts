import type { KindName } from '@hothub/shared';
import type { Kind, SourceFile } from '../pipeline/kind.js';
import { type ModuleBundle, bundleModule } from './bundle-module.js';
import type { ModuleExports } from './evaluate-module.js';
import type { ImportGraph } from './import-graph.js';
import type { ModuleFaults } from './module-faults.js';
import { ModuleSandbox } from './module-sandbox.js';

/** A module evaluated from its bundle in its own sandbox, which runs its hooks and locates errors they throw later. */
export interface LoadedModule {
  bundle: ModuleBundle;
  exports: ModuleExports;
  sandbox: ModuleSandbox;
}

/** How every module is run: the bound on its synchronous code, and who hears of errors it throws later. */
export interface ModuleRuntime {
  timeoutMs: number;
  faults: ModuleFaults;
}

/**
 * Bundles a module's file and evaluates it in a fresh sandbox. The import graph is updated as soon as
 * the bundle builds, so a helper that makes the module throw at import still reloads it once fixed.
 */
export async function loadModule(
  source: Pick<SourceFile, 'path' | 'relPath'>,
  owner: { kind: KindName; id: string },
  runtime: ModuleRuntime,
  graph?: ImportGraph,
): Promise<LoadedModule> {
  const bundle = await bundleModule(source.path);
  graph?.record(owner.id, { file: source.path, relPath: source.relPath, imports: bundle.imports });
  const sandbox = new ModuleSandbox(bundle, owner, runtime.timeoutMs);
  runtime.faults.track(sandbox);
  return { bundle, exports: sandbox.evaluate(), sandbox };
}

/**
 * What every module kind shares: ids from a file pattern (its first group), loading into the import graph,
 * versions that cover imports, and dependents to reload when an imported file is saved.
 */
export function moduleKindParts(kind: KindName, pattern: RegExp, graph: ImportGraph, runtime: ModuleRuntime) {
  const idOf = (relPath: string) => pattern.exec(relPath)?.[1];
  const hooks: Pick<Kind<{ loaded: LoadedModule }>, 'idOf' | 'versionOf' | 'dependentsOf' | 'importedFiles'> = {
    idOf,
    versionOf: (artifact) => artifact.loaded.bundle.version,
    dependentsOf: (file) => graph.dependentsOf(file),
    importedFiles: () => graph.files(),
  };
  const load = (source: SourceFile) => loadModule(source, { kind, id: idOf(source.relPath) ?? source.relPath }, runtime, graph);
  return { hooks, load };
}
