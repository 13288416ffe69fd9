export * from './clearinghouse-connector.exception';
export * from './clearinghouse.port';
export * from './folder-exchange';
export * from './folder-clearinghouse.adapter';
