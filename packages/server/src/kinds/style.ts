import { ASSETS_PATH, type KindName } from '@hothub/shared';
import { ImportGraph } from '../modules/import-graph.js';
import type { Kind, KindInfo } from '../pipeline/kind.js';
import { ReloadFailure } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { compiledBy } from './compiled-css.js';
import { sheetImports } from './css-imports.js';
import { sheetTree } from './sheet-tree.js';
import { checkStylesheet } from './stylesheet-check.js';

export interface Stylesheet {
  text: string;
  version: string;
  /** The build-tool at-rule it holds (`@tailwind`): served compiled by the app, so its text never goes to pages. */
  compiledBy?: string;
}

/** Asset URL of a browser artifact, versioned so caches never serve a stale copy. */
export function assetUrl(kind: KindName, relPath: string, version: string): string {
  return `${ASSETS_PATH}/${kind}/${relPath.split('/').map(encodeURIComponent).join('/')}?v=${version}`;
}

export const STYLE: KindInfo = { name: 'style', defaultDir: 'styles' };

/**
 * `styles/**.css`: the id is the path under the folder (`pages/home.css`).
 * Sheets up to `inlineLimit` bytes travel in the event, so the page applies them without a fetch.
 * A sheet that is not UTF-8 or does not parse is refused (`checkStylesheet`); the page gets the file's bytes as they are.
 * Saving a sheet that others `@import` reloads them too, with the imports as `cause.chain`; while a
 * partial they import is refused, they are refused too, so pages keep the last good rules.
 * A sheet a build tool compiles (`@tailwind`, `@import "tailwindcss"`, see `compiledBy`) is announced
 * without its text: a page re-fetches it from the app's URL, where the tool serves it compiled.
 */
export function styleKind(inlineLimit: number, logger: Logger): Kind<Stylesheet> {
  /** Compiled sheets already named in the log: said once per sheet. */
  const told = new Set<string>();
  // What each sheet `@import`s directly, shared by every sheet's node, so the graph follows a partial's own imports too.
  const imports = new Map<string, readonly string[]>();
  const graph = new ImportGraph();
  /** Sheets whose latest save was refused. */
  const refused = new Set<string>();
  return {
    name: STYLE.name,
    idOf: (relPath) => (relPath.endsWith('.css') ? relPath : undefined),
    async load(source, { id, dir }) {
      let checked;
      try {
        checked = checkStylesheet(source.bytes, source.path);
      } catch (error) {
        refused.add(source.path);
        throw error;
      }
      refused.delete(source.path);
      const imported = sheetImports(checked.root, source.path);
      imports.set(source.path, imported);
      // An imported file outside the styles folder has no node of its own: listed, so the hub watches it.
      for (const file of imported) if (!imports.has(file)) imports.set(file, []);
      graph.record(id, { file: source.path, relPath: source.relPath, dir, imports });
      const tree = await sheetTree(source.path, source.bytes, imports);
      const broken = tree.files.find((file) => refused.has(file));
      if (broken) throw new ReloadFailure('a sheet it @imports was refused: fix that sheet first', { file: broken });
      const tool = compiledBy(checked.root);
      if (tool && !told.has(id)) {
        told.add(id);
        logger.info(`${id} is compiled by a build tool (${tool}): pages reload it from the app's own URL, never from its source`);
      }
      return { text: checked.text, version: tree.version, ...(tool ? { compiledBy: tool } : {}) };
    },
    versionOf: (sheet) => sheet.version,
    dependentsOf: (file) => graph.dependentsOf(file),
    importedFiles: () => graph.files(),
    remove(id) {
      graph.forget(id);
    },
    browserFields: (id, sheet, source) => ({
      url: assetUrl('style', id, sheet.version),
      ...(source.bytes.length <= inlineLimit && !sheet.compiledBy ? { content: sheet.text } : {}),
    }),
  };
}
