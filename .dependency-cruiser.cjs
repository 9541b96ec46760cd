/**
 * Architecture rules (ARCHITECTURE.md §4), checked by test/architecture/architecture.spec.ts:
 * modules talk only through each other's index.ts, domain/ stays framework-free, no cycles.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular imports make start-up order and module boundaries fragile.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'module-internals',
      severity: 'error',
      comment: "A module imports only another module's public surface: src/modules/<name>/index.ts.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/.+', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'pure-domain',
      severity: 'error',
      comment: 'domain/ holds pure rules: no Nest, no TypeORM, no infrastructure.',
      from: { path: '^src/modules/[^/]+/domain/' },
      to: {
        path: ['(^|/)node_modules/(@nestjs|@nestjs-cls|typeorm)/', '^src/infrastructure/', '^src/modules/'],
        pathNot: ['^src/modules/([^/]+)/domain/'],
      },
    },
    {
      name: 'kernel-without-features',
      severity: 'error',
      comment: 'common/ and config/ are the shared kernel: they never reach into features or infrastructure.',
      from: { path: '^src/(common|config)/' },
      to: { path: '^src/(modules|infrastructure)/' },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.(spec|e2e-spec)\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
