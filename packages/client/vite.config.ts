import { defineConfig } from 'vite';

// Two self-contained bundles (socket.io-client and zod/mini inlined):
// `client.mjs` for `<script type="module">` and bundlers, `client.js` for a plain `<script>` tag.
export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    build: {
      target: 'es2022',
      emptyOutDir: !iife,
      sourcemap: true,
      lib: iife
        ? { entry: 'src/auto.ts', formats: ['iife'], name: 'hothubClient', fileName: () => 'client.js' }
        : { entry: 'src/index.ts', formats: ['es'], fileName: () => 'client.mjs' },
    },
  };
});
