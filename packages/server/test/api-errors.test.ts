import { ApiError } from '@hothub/shared';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { errorHandler } from '../src/http/http-error.js';
import { json } from './support/api.js';

/** An app whose only route throws an unexpected error, behind the hub's error handler. */
async function throwingApp(exposeStack: boolean): Promise<string> {
  const app = express();
  app.get('/boom', () => {
    throw new Error('database password is hunter2');
  });
  app.use(errorHandler({ exposeStack }));
  const server = app.listen(0, '127.0.0.1');
  onTestFinished(() => void server.close());
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('500', () => {
  it('outside dev mode: a generic JSON message, no stack and no error text', async () => {
    const res = await fetch(`${await throwingApp(false)}/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/hunter2|at .*\.ts|stack/);
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal server error' } });
  });

  it('in dev mode: the stack is included to help debugging', async () => {
    const body = await json(await fetch(`${await throwingApp(true)}/boom`), ApiError);
    expect(body.error.details).toEqual({ stack: expect.stringContaining('hunter2') });
  });
});
