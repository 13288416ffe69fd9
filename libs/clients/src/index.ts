import type { Client } from 'openapi-fetch';
import type { components as ProcessApiComponents, paths as ProcessApiPaths } from './generated/process-api.v1';
import type { components as SystemApiComponents, paths as SystemApiPaths } from './generated/system-api.v1';
import { createLayerClient, type LayerClientOptions } from './layer-client';

export * from './downstream.exception';
export * from './downstream-tokens';
export { createLayerClient, unwrap, type LayerClientOptions } from './layer-client';
export type { ProcessApiComponents, ProcessApiPaths, SystemApiComponents, SystemApiPaths };

export type SystemApiClient = Client<SystemApiPaths>;
export type ProcessApiClient = Client<ProcessApiPaths>;

/** Typed client of system-api, generated from openapi/system-api.v1.json. */
export const createSystemApiClient = (options: LayerClientOptions): SystemApiClient => createLayerClient<SystemApiPaths>(options);

/** Typed client of process-api, generated from openapi/process-api.v1.json. */
export const createProcessApiClient = (options: LayerClientOptions): ProcessApiClient => createLayerClient<ProcessApiPaths>(options);
