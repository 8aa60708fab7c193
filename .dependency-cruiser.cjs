/**
 * The dependency rule of docs/service-layout.md, checked in CI (`npm run check:deps`):
 * resolvers → commands / queries → domain, never back; domain is pure; no service imports another;
 * packages never import a service; every workspace imports only the npm packages its own package.json
 * declares, and every import resolves (another workspace only through its package.json `exports`, so
 * a path into its src/ fails). A planted violation of each rule fails
 * packages/testing/test/dependency-rules.test.ts.
 */
const SERVICE = '^services/([^/]+)/src/';
const IO_MODULES = [
  'typeorm',
  'pg',
  'pg-copy-streams',
  'nats',
  '@nats-io',
  'express',
  '@apollo',
  'dataloader',
  'pino',
  '@zhiyuan/db',
  '@zhiyuan/events',
  '@zhiyuan/server',
  '@zhiyuan/config',
];
const ioPath = `(^|/)node_modules/(${IO_MODULES.map((m) => m.replace('/', '\\/')).join('|')})(/|$)|^packages/(db|events|server|config)/`;

module.exports = {
  forbidden: [
    {
      name: 'no-cross-service',
      comment: 'Services meet only through federation and events.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'packages-never-import-services',
      severity: 'error',
      from: { path: '^(packages|gateway)/' },
      to: { path: '^services/' },
    },
    {
      name: 'domain-is-pure',
      comment:
        'domain/ holds rules without a database or any I/O; it imports only domain code, the kernel and pure libraries.',
      severity: 'error',
      from: { path: `${SERVICE}domain/` },
      to: {
        pathNot: [`${SERVICE}domain/`, '^packages/(kernel|auth)/', '(^|/)node_modules/(zod|graphql|chinese-days)(/|$)'],
        dependencyTypesNot: ['type-only', 'core'],
      },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      from: { path: `${SERVICE}domain/` },
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(fs|net|http|https|child_process|dgram|dns|tls|worker_threads)(/|$)',
      },
    },
    {
      name: 'nothing-imports-resolvers',
      comment: 'Resolvers are the outer layer: only the service assembly (create-service) knows them.',
      severity: 'error',
      from: { path: SERVICE, pathNot: [`${SERVICE}resolvers/`, `${SERVICE}(create-service|index)\\.ts$`] },
      to: { path: `${SERVICE}resolvers/` },
    },
    {
      name: 'queries-never-call-commands',
      comment: 'A read path writes nothing.',
      severity: 'error',
      from: { path: `${SERVICE}queries/` },
      to: { path: `${SERVICE}commands/` },
    },
    {
      name: 'domain-and-policy-never-reach-up',
      severity: 'error',
      from: { path: `${SERVICE}(domain/|policy\\.ts$)` },
      to: { path: `${SERVICE}(commands|queries|events|schedules)/` },
    },
    {
      name: 'resolvers-run-no-sql',
      comment: 'A resolver takes arguments in and makes one call out; SQL lives in commands/ and queries/.',
      severity: 'error',
      from: { path: `${SERVICE}resolvers/` },
      to: { path: ioPath, pathNot: '^packages/server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-undeclared-dependency',
      comment:
        'A workspace imports only the npm packages its own package.json declares; the hoisted node_modules would hide the rest until the workspace is installed alone.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-unresolvable-import',
      comment: 'Every import resolves: a workspace by its package entry, a module that is installed.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'kernel-is-pure',
      severity: 'error',
      from: { path: '^packages/kernel/src/' },
      to: { path: ioPath, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The workspaces' generated and built files; not an npm package's dist/ (that would hide the import).
    exclude: {
      path: [
        '^(gateway|stack|bench)/(src/generated|dist)/',
        '^(services|packages)/[^/]+/(src/generated|dist)/',
        '^\\.data/',
        '^packages/testing/test/fixtures/',
      ],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Each file is checked against the package.json of its own workspace, not the root's tooling.
    combinedDependencies: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
