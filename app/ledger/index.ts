export * from './countries';
export * from './errors';
export * from './networks';
export * from './trustStore';
export * from './developmentAccounts';
