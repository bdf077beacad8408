export * from './preferences';
export * from './drafts';
export * from './identitySession';
