export { createHub, Hub, PortInUseError } from './hub.js';
export type { HubOptions, HubEventMap, WatchedFolder } from './hub.js';
export type { HubSettings, ResolvedSettings } from './options/hub-options.js';
export type { ActiveArtifact } from './pipeline/pipeline.js';
export type { Registry } from './modules/module-registry.js';
export type { OnWizard, WizardClass } from './kinds/wizard.js';
export type { Logger, LogLevel } from './util/log.js';
export type { Connected, Reloaded, ReloadFailed, ReloadError, KindName, Trigger, Cause, ModuleInfo, ModuleStatus } from '@hothub/shared';
