export * from './preferences';
export * from './drafts';
