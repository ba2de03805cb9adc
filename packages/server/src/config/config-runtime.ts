import { join } from 'node:path';
import type { Logger } from '../util/log.js';
import { AuditLog } from './audit-log.js';
import { ConfigBackups } from './config-backups.js';
import { ConfigStore } from './config-store.js';
import { SealedBackups } from './sealed-backups.js';
import { ConfigSubscriptions } from './config-subscriptions.js';
import type { ConfigValidator } from './config-validator.js';
import { Redactor } from './redact.js';

export interface ConfigRuntimeOptions {
  root: string;
  /** The config folder (absolute). */
  dir: string;
  publicConfigs: readonly string[];
  maxBytes: number;
  backups: number;
  redactKeys: readonly string[];
  /** Encrypts backups of configs holding secret keys (`config/sealed-backups.ts`). */
  secretsKey?: string | undefined;
  logger: Logger;
}

/** Where hothub keeps its own state, beside the user's folders; the watcher ignores it. */
export const STATE_DIR = '.hothub';

/** The state behind configs, shared by the config kind, its audit and the embedding API. */
export class ConfigRuntime {
  readonly dir: string;
  readonly store = new ConfigStore();
  readonly subscriptions: ConfigSubscriptions;
  /** Validators the application registered, by config id. */
  readonly validators = new Map<string, ConfigValidator>();
  readonly backups: SealedBackups;
  readonly audit: AuditLog;
  readonly redactor: Redactor;
  readonly publicIds: ReadonlySet<string>;
  readonly maxBytes: number;
  readonly logger: Logger;

  constructor(options: ConfigRuntimeOptions) {
    this.dir = options.dir;
    this.logger = options.logger;
    this.subscriptions = new ConfigSubscriptions(options.logger);
    this.redactor = new Redactor(options.redactKeys);
    const store = new ConfigBackups(join(options.root, STATE_DIR, 'backups', 'config'), options.backups, options.logger);
    this.backups = new SealedBackups(store, this.redactor, options.secretsKey, options.logger);
    this.audit = new AuditLog(join(options.root, STATE_DIR, 'audit.log'), options.logger);
    this.publicIds = new Set(options.publicConfigs);
    this.maxBytes = options.maxBytes;
  }
}
