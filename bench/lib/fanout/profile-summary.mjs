import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/**
 * The functions a V8 `.cpuprofile` spent most self time in, as `{ fn, where, ms, share }`:
 * where a broadcast goes (socket.io's packet path, engine.io's writes, ws frames, GC).
 */
export async function topFunctions(dir, limit = 12) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  const self = new Map();
  let total = 0;
  for (const file of files) {
    const { nodes, samples, timeDeltas } = JSON.parse(await readFile(join(dir, file), 'utf8'));
    const byId = new Map(nodes.map((node) => [node.id, node.callFrame]));
    samples.forEach((id, i) => {
      const frame = byId.get(id);
      const key = `${frame.functionName || '(anonymous)'}\t${frame.url ? `${basename(frame.url)}:${frame.lineNumber + 1}` : ''}`;
      const us = timeDeltas[i] ?? 0;
      self.set(key, (self.get(key) ?? 0) + us);
      total += us;
    });
  }
  return [...self]
    .filter(([key]) => !key.startsWith('(idle)') && !key.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, us]) => {
      const [fn, where] = key.split('\t');
      return { fn, where, ms: Math.round(us / 100) / 10, share: `${Math.round((us / total) * 1000) / 10}%` };
    });
}
