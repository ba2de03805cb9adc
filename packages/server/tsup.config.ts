import { defineConfig } from 'tsup';

// @hothub/shared is private to the workspace: inline it (code and types) so the
// packed tarball installs from the registry with nothing but its dependencies.
export default defineConfig({
  entry: { index: 'src/index.ts', vite: 'src/vite/plugin.ts', cli: 'src/cli/main.ts' },
  format: 'esm',
  target: 'node20',
  platform: 'node',
  dts: { entry: { index: 'src/index.ts', vite: 'src/vite/plugin.ts' }, resolve: ['@hothub/shared'] },
  noExternal: ['@hothub/shared'],
  clean: true,
  sourcemap: true,
  splitting: true,
});
