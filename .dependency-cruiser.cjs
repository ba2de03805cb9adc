// The server's folders are layers that import downward only (docs/architecture.md, "Layers").
// `pnpm lint:deps` fails on an import that goes up a layer, and on any cycle between modules.
const SRC = '^packages/server/src/';

/** Lowest first: a folder may import the folders before it in this list, never those after it. */
const LAYERS = [
  'util',
  'pipeline',
  'modules',
  'config',
  'watch',
  'kinds',
  'webhooks',
  'options',
  'access',
  'health',
  'realtime',
  'cluster',
  'ops',
  'proxy',
  'http',
];
/** Above every layer: the files directly in src/ (the hub and what it composes), then the CLI and the Vite plugin. */
const ENTRY_FOLDERS = ['cli', 'vite'];

const upward = LAYERS.map((layer, index) => ({
  name: `${layer}-imports-downward`,
  comment: `${layer}/ may import only from the layers below it: ${LAYERS.slice(0, index).join(', ') || 'none'}`,
  severity: 'error',
  from: { path: `${SRC}${layer}/` },
  to: { path: `${SRC}(?:${[...LAYERS.slice(index + 1), ...ENTRY_FOLDERS].join('|')})/|${SRC}[^/]+\\.ts$` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'top-files-below-entries',
      comment: 'hub.ts, after-run.ts and index.ts compose the layers; only cli/ and vite/ sit above them',
      severity: 'error',
      from: { path: `${SRC}[^/]+\\.ts$` },
      to: { path: `${SRC}(?:${ENTRY_FOLDERS.join('|')})/` },
    },
    {
      name: 'no-circular',
      comment: 'a cycle is a design question, not an import to tidy',
      severity: 'error',
      from: { path: SRC },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: { path: SRC },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    // Sources import `./x.js` for `./x.ts` (NodeNext): the TypeScript config tells dependency-cruiser so.
    tsConfig: { fileName: require('node:path').join(__dirname, 'packages/server/tsconfig.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
