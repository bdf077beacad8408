export * from './getLatestHeader';
export * from './queries';
