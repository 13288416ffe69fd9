export * from './database-profile';
export * from './log-capture';
