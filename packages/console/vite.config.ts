import { defineConfig } from 'vite';

// One script and one sheet with fixed names: the hub serves them under a strict CSP (no inline code),
// from packages/server/dist/console/ (scripts/copy-client.mjs copies them there). An app build, not a
// library one: Vite keeps a library's `es` output unminified.
export default defineConfig({
  build: {
    target: 'es2022',
    modulePreload: false,
    rollupOptions: {
      input: 'src/main.ts',
      output: { entryFileNames: 'console.js', assetFileNames: 'console[extname]' },
    },
  },
});
