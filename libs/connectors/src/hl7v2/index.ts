// Parsing and serialising
export * from './hl7-delimiters';
export { escapeHl7, unescapeHl7 } from './hl7-escape';
export * from './hl7-message';
export * from './hl7-parser';
export * from './hl7-message-builder';
export * from './hl7-header-peek';
export * from './hl7-datetime';
export * from './hl7-error-codes';
export * from './hl7-parse.error';
// Acknowledgements
export * from './ack-builder';
// MLLP transport
export * from './mllp-frame-decoder';
export * from './mllp-server';
export * from './mllp-client';
// Mappings to the canonical model, and back
export * from './clinical-change';
export { mapHl7ToClinicalChange } from './clinical-change-mapping';
export type { Hl7MappingWarning } from './hl7-mapping-context';
export * from './hl7-mapping.error';
export * from './hl7-coding-systems';
export { ITEM_USED_SEGMENT } from './pr1-mapping';
export * from './feed-header';
export * from './adt-builder';
export * from './dft-builder';
export * from './inbound-message';
