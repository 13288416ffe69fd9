export * from './code-systems';
export * from './common/identifier.dto';
export * from './common/source-meta.dto';
export * from './patient/patient.dto';
export * from './validation/is-calendar-date.validator';
export * from './validation/resource-id.validator';
export * from './phi/phi.decorator';
