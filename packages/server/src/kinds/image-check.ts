import { extname } from 'node:path';
import { ReloadFailure } from '../util/errors.js';

/** How each checked format starts and ends: a file without its end marker was cut off while being written. */
const FORMATS: Record<string, { name: string; head: number[]; tail: number[] }> = {
  '.png': { name: 'PNG', head: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], tail: [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82] },
  '.jpg': { name: 'JPEG', head: [0xff, 0xd8], tail: [0xff, 0xd9] },
  '.jpeg': { name: 'JPEG', head: [0xff, 0xd8], tail: [0xff, 0xd9] },
  '.gif': { name: 'GIF', head: [0x47, 0x49, 0x46, 0x38], tail: [0x3b] },
};

/**
 * Refuses an empty image or font, and a PNG, JPEG or GIF that does not start with its signature or end
 * with its end marker (IEND, EOI, trailer): what an editor or exporter leaves mid-save.
 * @example checkImage(Buffer.from('x'), '/app/assets/logo.png'); // throws: not a complete PNG
 */
export function checkImage(bytes: Uint8Array, file: string): void {
  if (bytes.length === 0) throw new ReloadFailure('the file is empty: a save still being written?', { file });
  const format = FORMATS[extname(file).toLowerCase()];
  if (!format) return;
  const starts = format.head.every((byte, i) => bytes[i] === byte);
  const ends = format.tail.every((byte, i) => bytes[bytes.length - format.tail.length + i] === byte);
  if (!starts || !ends) {
    throw new ReloadFailure(`not a complete ${format.name} (${starts ? 'its end is missing: cut off while being saved?' : `it does not start like a ${format.name}`})`, { file });
  }
}
