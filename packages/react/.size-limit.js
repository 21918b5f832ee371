// size-limit for @aurora-rca/react (run `pnpm --filter @aurora-rca/react build` first).
// React is the host's (a peer dependency), so it is never counted. The second entry adds
// what a browser app also downloads from `@aurora-rca/core/client` (bundled from source).
const fromSource = (config) => ({
  ...config,
  conditions: ['@aurora-rca/source', ...(config.conditions ?? [])],
});

export default [
  {
    name: '@aurora-rca/react (everything, core client excluded)',
    path: 'dist/index.js',
    import: '*',
    ignore: ['react', 'react-dom', 'react/jsx-runtime', '@aurora-rca/core'],
    limit: '12 kB',
  },
  {
    name: '@aurora-rca/react + @aurora-rca/core/client (everything)',
    path: 'dist/index.js',
    import: '*',
    ignore: ['react', 'react-dom', 'react/jsx-runtime'],
    modifyEsbuildConfig: fromSource,
    limit: '18 kB',
  },
  {
    name: 'IncidentList + AuroraProvider only (tree-shaken, with core client)',
    path: 'dist/index.js',
    import: '{ AuroraProvider, IncidentList }',
    ignore: ['react', 'react-dom', 'react/jsx-runtime'],
    modifyEsbuildConfig: fromSource,
    limit: '10 kB',
  },
];
