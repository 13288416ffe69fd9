export * from './employee.dto';
export * from './position.dto';
export * from './credential.dto';
export * from './payroll.dto';
export * from './scheduling.dto';
