export * from './billing.port';
export * from './billing-connector.exception';
export * from './meridian/meridian-api.types';
export * from './meridian/meridian.mapping';
export * from './meridian/meridian-errors';
export * from './meridian/meridian.client';
export * from './meridian/meridian-billing.adapter';
