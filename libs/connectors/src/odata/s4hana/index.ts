export * from './s4-entities';
export * from './s4-entity-sets';
export * from './s4-services';
