export * from './fhir-client';
export * from './fhir-connector.exception';
export * from './fhir-http-errors';
export * from './fhir-search-page';
export * from './smart-backend-auth';
export * from './patient.mapping';
