/**
 * Architecture rules (../shared/ARCHITECTURE.md §1–§2), checked by `npm run lint`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide layering mistakes and break module initialisation order.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'apps-are-independent',
      severity: 'error',
      comment: 'An app never imports another app; layers talk over HTTP and the event backbone only.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'platform-and-contracts-stand-alone',
      severity: 'error',
      comment: 'platform and contracts are the base of the lib graph: they import no other lib.',
      from: { path: '^libs/(platform|contracts)/' },
      to: { path: '^libs/', pathNot: '^libs/$1/' },
    },
    {
      name: 'only-system-api-reaches-core-systems',
      severity: 'error',
      comment: 'Connectors talk to core systems; only system-api may use them (process and experience layers call the layer below).',
      from: { path: '^apps/(process-api|experience-api)/' },
      to: { path: '^libs/connectors/' },
    },
    {
      name: 'cap-only-in-tests',
      severity: 'error',
      comment: 'SAP CAP (@sap/cds, @cap-js/*) is a dev dependency under the SAP Developer License: only the test OData server may use it.',
      from: { path: '^(apps|libs|scripts)/' },
      to: { path: 'node_modules/(@sap/cds|@cap-js/)' },
    },
    {
      name: 'test-support-only-in-tests',
      severity: 'error',
      comment: 'Test servers and fixtures under test/ are reachable from spec files only.',
      from: { path: '^(apps|libs|scripts)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'testing-lib-only-in-tests',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '\\.spec\\.ts$|^libs/testing/' },
      to: { path: '^libs/testing/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
