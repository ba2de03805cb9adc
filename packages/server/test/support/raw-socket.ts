import { connect, type Socket } from 'node:net';
import { SOCKET_PATH } from '@hothub/shared';
import { onTestFinished } from 'vitest';

/** A TCP connection to a hub's port, destroyed when the test finishes; `closed` resolves when the hub closes it. */
export function rawConnection(url: string): { socket: Socket; closed: Promise<void> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  onTestFinished(() => void socket.destroy());
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, closed };
}

/**
 * A WebSocket to the socket.io endpoint written by hand, so a test can send frames no client
 * library would: resolves once the hub answered the upgrade (`101`).
 */
export async function rawWebSocket(url: string): Promise<{ send(frame: Buffer): void; closed: Promise<void> }> {
  const { socket, closed } = rawConnection(url);
  socket.write(
    `GET ${SOCKET_PATH}/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${new URL(url).host}\r\nUpgrade: websocket\r\n` +
      'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('data', (data) => (data.toString().startsWith('HTTP/1.1 101') ? resolve() : reject(new Error(`no upgrade: ${data}`))));
  });
  return { send: (frame) => void socket.write(frame), closed };
}

/** A client frame (masked with a zero key, so the payload is sent as is); `opcode` 1 is text, 2 binary. */
export function frame(payload: string | Buffer, opcode = 1): Buffer {
  const body = Buffer.from(payload);
  const length = body.length < 126 ? Buffer.of(0x80 | body.length) : Buffer.of(0x80 | 126, body.length >> 8, body.length & 0xff);
  return Buffer.concat([Buffer.of(0x80 | opcode), length, Buffer.alloc(4), body]);
}
