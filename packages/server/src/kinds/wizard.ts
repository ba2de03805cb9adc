import { isClass, type ModuleExports } from '../modules/evaluate-module.js';
import type { ImportGraph } from '../modules/import-graph.js';
import { type LoadedModule, type ModuleRuntime, moduleKindParts } from '../modules/load-module.js';
import { ReloadFailure } from '../util/errors.js';
import type { Kind, KindInfo } from '../pipeline/kind.js';

/** A class a wizard module exports; the hub instantiates it with no arguments. */
export type WizardClass = new () => object;

/**
 * Lets an embedding app take part in registration: return false to refuse a wizard
 * (the hub then reports `reload_failed` and the previous version keeps serving).
 * @example
 * createHub({ onWizard: (id, WizardClass) => typeof WizardClass.prototype.run === 'function' });
 */
export type OnWizard = (id: string, wizardClass: WizardClass) => boolean;

export interface Wizard {
  loaded: LoadedModule;
  wizardClass: WizardClass;
  instance: object;
}

export interface WizardKindOptions {
  graph: ImportGraph;
  runtime: ModuleRuntime;
  onWizard?: OnWizard;
}

/** `debug_wizard.js` (`.mjs`, `.cjs`, `.ts`, `.mts`, `.cts`) defines wizard `debug`; `admin/user_wizard.ts` defines `admin/user`. */
const WIZARD_FILE = /^(.+)_wizard\.(?:[cm]?js|[cm]?ts)$/;

export const WIZARD: KindInfo = { name: 'wizard', defaultDir: 'wizards' };

/**
 * `wizards/<id>_wizard.js`: server-side modules whose exported `…Wizard` class (or default export)
 * is instantiated and registered under the id. Other files there are helpers: saving one reloads
 * the wizards that import it.
 */
export function wizardKind(options: WizardKindOptions): Kind<Wizard> {
  const { graph, runtime, onWizard } = options;
  const modules = moduleKindParts('wizard', WIZARD_FILE, graph, runtime);
  return {
    name: WIZARD.name,
    ...modules.hooks,
    async load(source) {
      const loaded = await modules.load(source);
      const wizardClass = wizardClassOf(loaded.exports);
      if (!wizardClass) {
        throw new ReloadFailure(`${source.relPath} exports no wizard class: export a class named …Wizard, or a default class`, {
          file: source.path,
        });
      }
      const instance = loaded.sandbox.run(`new ${wizardClass.name || 'wizard'}() threw`, () => new wizardClass());
      return { loaded, wizardClass, instance };
    },
    apply(id, next) {
      if (onWizard && onWizard(id, next.wizardClass) === false) {
        throw new ReloadFailure(`onWizard refused to register wizard "${id}"`, { file: next.loaded.bundle.entry });
      }
    },
    commit(_id, _next, previous) {
      previous?.loaded.sandbox.clearTimers();
    },
    rollback(_id, _previous, failed) {
      failed.loaded.sandbox.clearTimers();
    },
    remove(id, current) {
      current.loaded.sandbox.clearTimers();
      graph.forget(id);
    },
    dispose(_id, current) {
      current.loaded.sandbox.clearTimers();
    },
  };
}

/** The exported class whose export name ends with `Wizard`, else a default class export. */
function wizardClassOf(exports: ModuleExports): WizardClass | undefined {
  const named = Object.entries(exports).find(([name, value]) => name.endsWith('Wizard') && isClass(value));
  if (named && isClass(named[1])) return named[1];
  return isClass(exports.default) ? exports.default : undefined;
}
