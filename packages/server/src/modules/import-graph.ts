import type { Dependent } from '../pipeline/kind.js';

interface Node {
  file: string;
  relPath: string;
  /** The folder `relPath` is relative to (the step context's `dir`), when the graph's user knows it. */
  dir?: string;
  imports: ReadonlyMap<string, readonly string[]>;
}

/**
 * Which local files each loaded artifact was bundled from, so saving a helper reloads exactly
 * the artifacts that import it, directly or through other helpers.
 */
export class ImportGraph {
  readonly #artifacts = new Map<string, Node>();

  /** Records what the latest bundle of an artifact imports (kept when a later bundle fails to build). */
  record(id: string, node: Node): void {
    this.#artifacts.set(id, node);
  }

  forget(id: string): void {
    this.#artifacts.delete(id);
  }

  /** Every artifact that imports `file`, other than the artifact whose own file it is. */
  dependentsOf(file: string): Dependent[] {
    const dependents: Dependent[] = [];
    for (const [id, node] of this.#artifacts) {
      if (node.file === file) continue;
      const path = shortestPath(node.imports, node.file, file);
      if (path) dependents.push({ id, file: node.file, relPath: node.relPath, ...(node.dir ? { dir: node.dir } : {}), chain: path.reverse() });
    }
    return dependents;
  }

  /** Every file some artifact imports, its own file excluded. */
  files(): Set<string> {
    const files = new Set<string>();
    for (const node of this.#artifacts.values()) {
      for (const file of node.imports.keys()) if (file !== node.file) files.add(file);
    }
    return files;
  }
}

/** Breadth-first from `from` along imports; the import path to `to`, or undefined. */
function shortestPath(imports: ReadonlyMap<string, readonly string[]>, from: string, to: string): string[] | undefined {
  const cameFrom = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (file === to) {
      const path: string[] = [];
      for (let step: string | undefined = to; step !== undefined; step = cameFrom.get(step)) path.unshift(step);
      return path;
    }
    for (const next of imports.get(file) ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
}
