import { connect } from 'node:net';
import { ReloadStatistics } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { json, snapshot } from './support/api.js';
import { prng } from './support/prng.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

const HTTP_REQUESTS = 2500;
const RAW_REQUESTS = 300;
const CONCURRENCY = 8;
/** Safety bound: the loop stops by itself even on a very slow machine. */
const TIME_BUDGET_MS = 40_000;

const METHODS = ['GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const PATHS = ['/reload', '/reload', '/webhook', '/webhook', '/health', '/status', '/metrics', '/reload/statistics', '/openapi.json',
  '/reload/history', '/assets/style/main.css', '/hothub/client.js', '/', '/wizards', '/plugins'];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', '*/*', ';;;', 'application/json;;'];

function fuzzer(random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const printable = (max: number) => Array.from({ length: int(max) }, () => String.fromCharCode(32 + int(95))).join('');
  const bytes = (max: number) => Uint8Array.from({ length: int(max) }, () => int(256));
  const value = (depth: number): unknown => {
    switch (depth > 4 ? int(4) : int(8)) {
      case 0: return printable(40);
      case 1: return random() * 1e12 - 5e11;
      case 2: return pick([true, false, null]);
      case 3: return pick(['all', 'style', 'style/main.css', 'style/../secret', '../../etc/passwd', '', 'wizard/x', 'a'.repeat(2000)]);
      case 4: return Array.from({ length: int(5) }, () => value(depth + 1));
      default: return Object.fromEntries(Array.from({ length: int(5) }, () => [pick(['target', '__proto__', 'constructor', printable(8)]), value(depth + 1)]));
    }
  };
  const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  const body = (): string | Uint8Array | undefined => {
    switch (int(9)) {
      case 0: return undefined;
      case 1: return bytes(300);
      case 2: return printable(200);
      case 3: return JSON.stringify(value(0));
      case 4: return JSON.stringify({ target: value(2) });
      case 5: return JSON.stringify(value(0)).slice(0, int(30));
      case 6: return nested(1 + int(20_000));
      case 7: return int(40) === 0 ? `{"target":"${'x'.repeat(1024 * 1024 + int(1000))}"}` : '{"target":"all"}';
      default: return pick(['{}', '[]', 'null', '"all"', '{"target":"all"', '{"target":"all"}}', '\u0000', '{"target":"all","target":1}']);
    }
  };
  const headers = (): Record<string, string> => {
    const h: Record<string, string> = {};
    if (random() < 0.8) h['content-type'] = random() < 0.8 ? pick(CONTENT_TYPES) : printable(30);
    if (random() < 0.5) h.authorization = pick(['Bearer ', 'Bearer x', `Bearer ${printable(30)}`, printable(40), 'Basic Zm9vOmJhcg==', 'Bearer  fuzz']);
    const signatureHeader = pick(['x-hothub-signature', 'x-hub-signature-256', 'webhook-signature', 'webhook-id', 'webhook-timestamp', 'x-github-delivery']);
    if (random() < 0.4) h[signatureHeader] = pick(['sha256=', `sha256=${'0'.repeat(64)}`, printable(70), 'sha1=abc', 'v1,', `v1,${'A'.repeat(44)}`, '1700000000']);
    if (random() < 0.3) h.origin = pick(['http://evil.test', 'null', printable(20)]);
    if (random() < 0.3) h.accept = pick(['application/json', 'text/plain', '*/*', printable(20)]);
    if (random() < 0.2) h['x-forwarded-for'] = printable(20);
    return h;
  };
  const query = () => (random() < 0.5 ? '' : `?${pick(['limit', 'trigger', 'kind', 'success', printable(5)])}=${encodeURIComponent(printable(10))}&limit=${int(1000) - 200}`);
  const request = () => {
    const method = pick(METHODS);
    const payload = method === 'GET' || method === 'HEAD' ? undefined : body();
    return { method, path: `${pick(PATHS)}${query()}`, headers: headers(), body: payload };
  };
  const raw = () => {
    const lines = pick([
      `${pick(METHODS)} ${pick(PATHS)} HTTP/1.1`,
      `${printable(20)} ${printable(20)} HTTP/1.1`,
      `POST /reload HTTP/${pick(['0.9', '1.0', '1.1', '2.0', 'x'])}`,
      `GET /${'a'.repeat(int(20_000))} HTTP/1.1`,
    ]);
    const extra = pick([
      'Content-Length: -1', 'Content-Length: abc', 'Content-Length: 5\r\nContent-Length: 6', 'Transfer-Encoding: chunked\r\nContent-Length: 3',
      `X-Long: ${'b'.repeat(int(100_000))}`, printable(50), 'Transfer-Encoding: gzip, chunked', 'Content-Type: application/json\r\nContent-Length: 1000',
    ]);
    return `${lines}\r\nHost: x\r\n${extra}\r\nConnection: close\r\n\r\n${printable(100)}`;
  };
  return { request, raw };
}

/** Writes a raw (often malformed) request and resolves once the hub answered or closed. */
function sendRaw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.end(text);
  });
}

describe('fuzz', () => {
  it(`survives ${HTTP_REQUESTS} random requests and ${RAW_REQUESTS} malformed ones: no 5xx, /health answers, state unchanged`, async () => {
    const root = await tempRoot({ 'styles/main.css': 'a { color: red }', 'styles/b.css': 'b{}' });
    const hub = await startHub({ root, token: 'fuzz-token-never-guessed', webhookSecret: 'fuzz-secret', rateLimit: { max: 1_000_000, windowS: 60 } });
    const before = snapshot(hub);
    const statsBefore = await json(await fetch(`${hub.url}/reload/statistics`), ReloadStatistics);
    const { request, raw } = fuzzer(prng(0x5eed));
    const started = Date.now();
    const statuses = new Map<number, number>();
    const serverErrors: string[] = [];

    let sent = 0;
    const worker = async () => {
      while (sent < HTTP_REQUESTS && Date.now() - started < TIME_BUDGET_MS) {
        const r = request();
        sent++;
        const res = await fetch(`${hub.url}${r.path}`, { method: r.method, headers: r.headers, ...(r.body === undefined ? {} : { body: r.body }) });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) serverErrors.push(`${r.method} ${r.path} → ${res.status} ${text.slice(0, 200)}`);
        if (res.status >= 400 && r.method !== 'HEAD') expect(() => JSON.parse(text), `${r.method} ${r.path}`).not.toThrow();
        if (sent % 250 === 0) expect((await fetch(`${hub.url}/health`)).status).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    const port = Number(new URL(hub.url!).port);
    for (let i = 0; i < RAW_REQUESTS && Date.now() - started < TIME_BUDGET_MS; i++) {
      const answer = await sendRaw(port, raw());
      expect(answer).not.toMatch(/^HTTP\/1\.[01] 5\d\d/);
    }

    expect(serverErrors).toEqual([]);
    expect(sent).toBe(HTTP_REQUESTS);
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200, 401, 404, 405, 415]));
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
    expect(snapshot(hub)).toEqual(before);
    expect(await json(await fetch(`${hub.url}/reload/statistics`), ReloadStatistics)).toEqual(statsBefore);
    expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe('a { color: red }');
  });
});
