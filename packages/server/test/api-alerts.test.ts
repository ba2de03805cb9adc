import type { ActiveAlert, ReloadFailed, Reloaded } from '@hothub/shared';
import { HubStatus } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { Alerts } from '../src/ops/alerts.js';
import { DEFAULT_ALERT_THRESHOLDS } from '../src/options/alert-thresholds.js';
import type { HubEvent } from '../src/pipeline/event-log.js';
import { createLogger } from '../src/util/log.js';
import { json, post } from './support/api.js';
import { startHub } from './support/hub.js';
import { pluginSource } from './support/modules.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

describe('alerts on a running hub', () => {
  it('raises each alert once its threshold is crossed: in /status, in /metrics, and as one log line (at debug in dev mode, where the terminal is for reloads)', async () => {
    const lines: string[] = [];
    const root = await tempRoot({
      'styles/a.css': 'a{}',
      'plugins/search.js': pluginSource('v1'),
      'wizards/one_wizard.js': 'export class {',
      'wizards/two_wizard.js': 'export class Two {',
    });
    const hub = await startHub({
      root,
      pluginTimeout: 1000,
      alerts: { rollbacks: 0, validationFailures: 1, slowReloadMs: 0 },
      logger: createLogger({ level: 'debug', format: 'json', write: (line) => lines.push(line) }),
    });
    await write(root, 'plugins/search.js', pluginSource('v2', { initialize: "throw new Error('no database');" }));
    await eventually(async () => {
      const status = await json(await fetch(`${hub.url}/status`), HubStatus);
      expect(status.alerts.map((a) => a.name).sort()).toEqual(['failure_rate', 'rollbacks', 'slow_reload', 'validation_failures']);
    });
    const metrics = await (await fetch(`${hub.url}/metrics`)).text();
    for (const name of ['failure_rate', 'rollbacks', 'slow_reload', 'validation_failures']) {
      expect(metrics).toContain(`hothub_alert_active{alert="${name}"} 1`);
    }
    await post(`${hub.url}/reload`, { target: 'style' });
    const warnings = lines.map((l) => JSON.parse(l) as { level: string; channel: string; msg: string }).filter((l) => l.channel === 'hothub:alerts');
    expect(warnings.map((w) => w.msg.split(':')[0]).sort()).toEqual([
      'alert failure_rate',
      'alert rollbacks',
      'alert slow_reload',
      'alert validation_failures',
    ]);
    expect(warnings.every((w) => w.level === 'debug')).toBe(true);
  });

  it('raises nothing with the default thresholds on a healthy hub', async () => {
    const hub = await startHub({ root: await tempRoot({ 'styles/a.css': 'a{}' }) });
    await post(`${hub.url}/reload`, { target: 'all' });
    expect((await json(await fetch(`${hub.url}/status`), HubStatus)).alerts).toEqual([]);
  });
});

describe('alert windows', () => {
  let seq = 0;
  const ok = (durationMs = 5): HubEvent => {
    const payload: Reloaded = { seq: ++seq, ts: 0, kind: 'style', id: 'a.css', version: 'v', trigger: 'api', durationMs };
    return { name: 'reloaded', payload };
  };
  const failed = (rolledBack: boolean): HubEvent => {
    const payload: ReloadFailed = { seq: ++seq, ts: 0, kind: 'plugin', id: 'p', trigger: 'file', error: { message: 'x' }, rolledBack };
    return { name: 'reload_failed', payload };
  };
  const setup = () => {
    let now = 1_000_000;
    const raised: ActiveAlert[] = [];
    const alerts = new Alerts(DEFAULT_ALERT_THRESHOLDS, (a) => raised.push(a), () => now);
    return { alerts, raised, advance: (ms: number) => (now += ms) };
  };
  const names = (alerts: Alerts) => alerts.active().map((a) => a.name);

  it('failure rate: over 10% of the last hour, cleared when the failures leave the window', () => {
    const { alerts, advance } = setup();
    for (let i = 0; i < 9; i++) alerts.record(ok());
    alerts.record(failed(false));
    expect(names(alerts)).toEqual([]); // exactly 10%
    alerts.record(failed(false));
    expect(names(alerts)).toEqual(['failure_rate']);
    advance(60 * 60 * 1000);
    expect(names(alerts)).toEqual([]);
  });

  it('rollbacks: more than 3 in an hour', () => {
    const { alerts, raised } = setup();
    for (let i = 0; i < 60; i++) alerts.record(ok());
    for (let i = 0; i < 3; i++) alerts.record(failed(true));
    expect(names(alerts)).toEqual([]);
    alerts.record(failed(true));
    expect(names(alerts)).toEqual(['rollbacks']);
    alerts.record(failed(true));
    expect(raised.map((a) => a.name)).toEqual(['rollbacks']); // raised once, not per event
  });

  it('validation failures: more than 5 in 10 minutes, the 10 minutes sliding', () => {
    const { alerts, advance } = setup();
    for (let i = 0; i < 60; i++) alerts.record(ok());
    for (let i = 0; i < 5; i++) alerts.record(failed(false));
    advance(9 * 60 * 1000);
    alerts.record(failed(false));
    expect(names(alerts)).toEqual(['validation_failures']);
    advance(2 * 60 * 1000);
    expect(names(alerts)).toEqual([]);
  });

  it('slow reload: one reload over 30 s keeps the alert for an hour', () => {
    const { alerts, advance } = setup();
    alerts.record(ok(30_000));
    expect(names(alerts)).toEqual([]);
    alerts.record(ok(30_001));
    expect(alerts.active()[0]).toMatchObject({ name: 'slow_reload', value: 30_001, threshold: 30_000 });
    advance(59 * 60 * 1000);
    expect(names(alerts)).toEqual(['slow_reload']);
    advance(60 * 1000);
    expect(names(alerts)).toEqual([]);
  });
});

describe('the health_checks alert line', () => {
  const failingHub = async (mode: 'dev' | 'prod') => {
    const lines: string[] = [];
    const hub = await startHub({
      root: await tempRoot({ 'styles/a.css': 'a{}' }),
      mode,
      ...(mode === 'prod' ? { token: 'a-token-for-prod-mode' } : {}),
      healthInterval: 0.05,
      logger: createLogger({ level: 'debug', format: 'json', write: (line) => lines.push(line) }),
    });
    hub.healthChecks.add('db', () => Promise.reject(new Error('connection refused')));
    return eventually(() => {
      const line = lines.map((l) => JSON.parse(l) as { level: string; msg: string }).find((l) => l.msg.startsWith('alert health_checks: app:db'));
      expect(line).toBeDefined();
      return line!;
    });
  };

  it('is logged at debug in dev mode, where the terminal is for reloads', async () => {
    expect((await failingHub('dev')).level).toBe('debug');
  });

  it('is a warning in prod mode', async () => {
    expect((await failingHub('prod')).level).toBe('warn');
  });
});
