export * from './ErrorMessage';
export * from './LanguageSwitcher';
export * from './useT';
export * from './useHashRoute';
export * from './Verdict';
export * from './CertificationPath';
