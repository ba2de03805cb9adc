import { dump as dumpYaml } from 'js-yaml';
import { parseConfig } from './parse-config.js';
import type { Redactor } from './redact.js';

/**
 * A config version as an operator may read it (`GET /rollback/config/<id>/<version>`): its keys parsed and
 * written back in the file's format, each value through `redactor.value(key, …)` as the audit log redacts it,
 * so a secret never leaves the hub. Comments and layout are not kept: two versions diff by their keys.
 * Throws a `ReloadFailure` when the bytes no longer parse.
 * @example
 * redactedText(new Redactor(), Buffer.from('db:\n  password: x\n'), 'app.yaml'); // "db:\n  password: '[redacted]'\n"
 */
export function redactedText(redactor: Redactor, bytes: Uint8Array, relPath: string): string {
  const json = relPath.endsWith('.json');
  const data = parseConfig(bytes, json ? 'json' : 'yaml', relPath);
  const shown = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, redactor.value(key, value)]));
  // noRefs: a YAML alias is written out as its value (parseConfig already bounds how far aliases expand).
  return json ? `${JSON.stringify(shown, null, 2)}\n` : dumpYaml(shown, { noRefs: true, lineWidth: -1, sortKeys: false });
}
