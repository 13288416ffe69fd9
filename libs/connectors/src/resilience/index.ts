export * from './outbound-policy';
export * from './sliding-window-rate-limiter';
