import type { KindName } from '@hothub/shared';
import type { ConfigRuntime } from '../config/config-runtime.js';
import type { ModuleRuntime } from '../modules/load-module.js';
import { componentKind } from './component.js';
import { configKind } from './config.js';
import type { AnyKind } from '../pipeline/kind.js';
import { assetKind } from './asset.js';
import { pageKind } from './page.js';
import { pluginKind, type PluginKindOptions } from './plugin.js';
import { styleKind } from './style.js';
import { themeKind } from './theme.js';
import { wizardKind, type WizardKindOptions } from './wizard.js';

export interface KindContext {
  inlineLimit: number;
  wizards: WizardKindOptions;
  plugins: PluginKindOptions;
  config: ConfigRuntime;
  /** How config schema modules run (wizards and plugins have it in their options). */
  modules: ModuleRuntime;
}

/** Every built-in kind, by name. Adding a kind is one module and one line here. */
export function builtinKinds(context: KindContext): Map<KindName, AnyKind> {
  const kinds: AnyKind[] = [
    styleKind(context.inlineLimit, context.plugins.logger.channel('hothub:style')),
    wizardKind(context.wizards),
    pluginKind(context.plugins),
    componentKind(),
    themeKind(context.inlineLimit),
    configKind(context.config, context.modules),
    pageKind(),
    assetKind(),
  ];
  return new Map(kinds.map((kind) => [kind.name, kind]));
}
