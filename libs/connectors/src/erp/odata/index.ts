export * from './odata-erp.adapter';
export * from './s4-erp.entities';
export * from './s4-erp.mapping';
export * from './s4-erp-errors';
export * from './sender-reference';
