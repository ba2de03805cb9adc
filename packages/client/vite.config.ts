import { defineConfig, type Plugin } from 'vite';

/**
 * engine.io-client's default transports without WebTransport: the hub never offers it (a socket.io
 * server option it leaves off), and the SDK asks for websocket and polling only, so it is dead code
 * that cost ~800 bytes (gzip -9) of the SDK's 25,000-byte gzip budget.
 */
const withoutWebTransport: Plugin = {
  name: 'hothub:without-webtransport',
  enforce: 'pre',
  load(id) {
    if (!/engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]index\.js$/.test(id)) return null;
    return 'import { XHR } from "./polling-xhr.node.js";\nimport { WS } from "./websocket.node.js";\nexport const transports = { websocket: WS, polling: XHR };\n';
  },
};

// The core in two self-contained bundles (socket.io-client and zod/mini inlined): `client.mjs` for
// `<script type="module">` and bundlers, `client.js` for a plain `<script>` tag. The UI (toasts, overlay) is
// a second entry of the ES build, `client-ui.mjs`: client.mjs imports it with a dynamic `import('./client-ui.mjs')`
// (a bundler splits it off), client.js from the hub's `/hothub/client-ui.mjs`. It shares no module with the
// core, so it holds no import of client.mjs (packages/server/test/client-script.test.ts checks it).
export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    plugins: [withoutWebTransport],
    build: {
      target: 'es2022',
      emptyOutDir: !iife,
      sourcemap: true,
      lib: iife
        ? { entry: 'src/auto.ts', formats: ['iife'], name: 'hothubClient', fileName: () => 'client.js' }
        : {
            entry: { client: 'src/index.ts', 'client-ui': 'src/client-ui.ts' },
            formats: ['es'],
            fileName: (_format, name) => `${name}.mjs`,
          },
    },
  };
});
