/** The stylesheet every server sends: a few hundred bytes, inlined in the event as hothub does. */
export const CSS = `:root { --accent: #3366ff; }\n${Array.from({ length: 12 }, (_, i) => `.c${i} { color: var(--accent); margin: ${i}px; }`).join('\n')}\n`;

/** The `reloaded` payload bare servers send: the shape hothub sends for a style. */
export function payloadOf(seq) {
  return {
    seq,
    ts: Date.now(),
    kind: 'style',
    id: 'main.css',
    version: `v${seq}`,
    trigger: 'manual',
    durationMs: 0.1,
    url: `/assets/style/main.css?v=v${seq}`,
    content: CSS,
  };
}
