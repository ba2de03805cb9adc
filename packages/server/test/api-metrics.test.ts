import { describe, expect, it } from 'vitest';
import { expectError, post } from './support/api.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';
import { pluginSource } from './support/modules.js';

describe('GET /metrics', () => {
  it('serves Prometheus text with reloads, durations, rollbacks, validation failures, clients, alerts and process metrics', async () => {
    const root = await tempRoot({
      'styles/a.css': 'a{}',
      'wizards/broken_wizard.js': 'export class {',
      'plugins/search.js': pluginSource('v1', { initialize: "throw new Error('no database');" }),
    });
    const hub = await startHub({ root, pluginTimeout: 1000 });
    await post(`${hub.url}/reload`, { target: 'style' });
    const res = await fetch(`${hub.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('hothub_reloads_total{kind="style",result="success"} 2');
    expect(text).toContain('hothub_reloads_total{kind="wizard",result="failure"} 1');
    expect(text).toContain('hothub_validation_failures_total{kind="wizard"} 1');
    expect(text).toContain('hothub_rollbacks_total{kind="plugin"} 1');
    expect(text).toMatch(/hothub_reload_duration_seconds_bucket\{le="0\.005",kind="style"\} \d/);
    expect(text).toContain('hothub_reload_duration_seconds_count{kind="style"} 2');
    expect(text).toContain('hothub_connected_clients 0');
    expect(text).toContain('hothub_alert_active{alert="failure_rate"} 1');
    expect(text).toContain('hothub_alert_active{alert="slow_reload"} 0');
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });

  it('serves JSON when the client asks for application/json', async () => {
    const hub = await startHub({ root: await tempRoot({ 'styles/a.css': 'a{}' }) });
    const res = await fetch(`${hub.url}/metrics`, { headers: { accept: 'application/json' } });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const metrics: unknown = await res.json();
    expect(metrics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'hothub_reloads_total',
          values: [expect.objectContaining({ value: 1, labels: { kind: 'style', result: 'success' } })],
        }),
      ]),
    );
    await expectError(await fetch(`${hub.url}/metrics`, { method: 'POST' }), 405, 'method_not_allowed');
  });
});
