export * from './ErrorMessage';
export * from './errorText';
export * from './countryNames';
export * from './labels';
export * from './LanguageSwitcher';
export * from './useT';
export * from './useHashRoute';
