import { KINDS, type KindName } from '@hothub/shared';
import type { ConfigRuntime } from '../config/config-runtime.js';
import type { ModuleRuntime } from '../modules/load-module.js';
import { COMPONENT, componentKind } from './component.js';
import { CONFIG, configKind } from './config.js';
import type { AnyKind, KindInfo } from '../pipeline/kind.js';
import { ASSET, assetKind } from './asset.js';
import { PAGE, pageKind } from './page.js';
import { PLUGIN, pluginKind, type PluginKindOptions } from './plugin.js';
import { STYLE, styleKind } from './style.js';
import { THEME, themeKind } from './theme.js';
import { WIZARD, wizardKind, type WizardKindOptions } from './wizard.js';

export interface KindContext {
  inlineLimit: number;
  wizards: WizardKindOptions;
  plugins: PluginKindOptions;
  config: ConfigRuntime;
  /** How config schema modules run (wizards and plugins have it in their options). */
  modules: ModuleRuntime;
}

/** A kind module's own declaration, and how the hub builds it. */
type Registration = readonly [KindInfo, (context: KindContext) => AnyKind];

/** Every built-in kind. Adding a kind is one module and one line here (and its name in the wire's `KINDS`). */
const REGISTRY: readonly Registration[] = [
  [STYLE, (context) => styleKind(context.inlineLimit, context.plugins.logger.channel('hothub:style'))],
  [WIZARD, (context) => wizardKind(context.wizards)],
  [PLUGIN, (context) => pluginKind(context.plugins)],
  [COMPONENT, () => componentKind()],
  [THEME, (context) => themeKind(context.inlineLimit)],
  [CONFIG, (context) => configKind(context.config, context.modules)],
  [PAGE, () => pageKind()],
  [ASSET, () => assetKind()],
];

/** The kinds this server builds, by name. */
export const KIND_NAMES: readonly KindName[] = REGISTRY.map(([info]) => info.name);

/** Conventional folder of each kind, relative to the root: from each kind's own declaration. */
export const DEFAULT_DIRS = Object.fromEntries(KINDS.map((name) => [name, defaultDir(name)])) as Record<KindName, string>;

function defaultDir(name: KindName): string {
  const registered = REGISTRY.find(([info]) => info.name === name);
  // A name on the wire's list with no module here is a build mistake: test/kind-registry.test.ts catches it first.
  if (!registered) throw new Error(`kind ${name} is in @hothub/shared's KINDS but no module in kinds/ declares it: register it in kinds/index.ts`);
  return registered[0].defaultDir;
}

/** Every built-in kind, by name. */
export function builtinKinds(context: KindContext): Map<KindName, AnyKind> {
  return new Map(
    REGISTRY.map(([info, create]) => {
      const kind = create(context);
      if (kind.name !== info.name) throw new Error(`kinds/index.ts registers ${kind.name} under ${info.name}: use the module's own declaration`);
      return [info.name, kind];
    }),
  );
}
