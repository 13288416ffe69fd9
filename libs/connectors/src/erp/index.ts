export * from './erp.port';
export * from './erp-connector.exception';
export * from './sandbox/ledgerline-api.types';
export * from './sandbox/ledgerline.mapping';
export * from './sandbox/ledgerline-errors';
export * from './sandbox/erp-sandbox.client';
export * from './sandbox/sandbox-erp.adapter';
