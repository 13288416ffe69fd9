export * from './field-value';
export * from './file-layout';
export * from './record-reader';
