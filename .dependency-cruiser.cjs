// Runtime boundaries, enforced by `npm run lint` (dependency-cruiser). docs/ARCHITECTURE.md explains them.
// Tests (*.test.ts, *.int.test.ts, tests/, fixtures/) are exempt from the folder rules but not from "no cycles".
const TEST = '(^tests/|^fixtures/|[.]test[.]tsx?$|/testing/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'renderer-only-common-catalogue',
      comment:
        'The renderer runs in Chromium: it imports common/, catalogue/ (data and schemas) and itself only.',
      severity: 'error',
      from: { path: '^renderer/', pathNot: [TEST, '^renderer/vite[.]config[.]ts$'] },
      to: {
        pathNot: ['^renderer/', '^common/', '^catalogue/', '^node_modules/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'renderer-no-node',
      comment:
        'The renderer never imports Node built-ins or Electron; it talks to the host through KioskApi.',
      severity: 'error',
      from: { path: '^renderer/', pathNot: [TEST, '^renderer/vite[.]config[.]ts$'] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'common-depends-on-nothing-of-ours',
      comment: 'common/ runs everywhere: it imports only itself and third-party packages.',
      severity: 'error',
      from: { path: '^common/', pathNot: TEST },
      to: { pathNot: ['^common/', '^node_modules/'] },
    },
    {
      name: 'catalogue-only-common',
      comment: 'catalogue/ is data with its schemas; it imports common/ and itself only.',
      severity: 'error',
      from: { path: '^catalogue/', pathNot: TEST },
      to: { pathNot: ['^catalogue/', '^common/', '^node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'host-only-common-catalogue-native',
      comment: 'host/ (Node) imports common/, catalogue/, native/ and itself; never renderer/ or electron/.',
      severity: 'error',
      from: { path: '^host/', pathNot: TEST },
      to: {
        pathNot: ['^host/', '^common/', '^catalogue/', '^native/', '^node_modules/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'native-only-common',
      comment: 'native/ (devices, chip protocol) imports common/ and itself only.',
      severity: 'error',
      from: { path: '^native/', pathNot: TEST },
      to: { pathNot: ['^native/', '^common/', '^node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'electron-only-host-common',
      comment: 'electron/ is a thin shell over host/ and common/.',
      severity: 'error',
      from: { path: '^electron/', pathNot: TEST },
      to: { pathNot: ['^electron/', '^host/', '^common/', '^node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'no-electron-outside-electron',
      comment: 'Only electron/ (and the scripts that build or launch it) imports Electron.',
      severity: 'error',
      from: { pathNot: ['^electron/', TEST, '^scripts/'] },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'production-not-to-testing',
      comment:
        'Fakes and test helpers live in `testing/` folders and tests/: the kiosk itself never imports them ' +
        '(tests and the tooling under scripts/, e.g. the benchmarks, may).',
      severity: 'error',
      from: { pathNot: [TEST, '^scripts/'] },
      to: { path: ['/testing/', '^tests/'] },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles in production code.',
      severity: 'error',
      from: { pathNot: TEST },
      to: { circular: true, pathNot: TEST },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|release|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
