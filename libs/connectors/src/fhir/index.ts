export * from './fhir-client';
export * from './fhir-connector.exception';
export * from './patient.mapping';
