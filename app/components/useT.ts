import { useCallback, useEffect } from 'react';
import { locales, negotiateLocale, translate, type Locale } from '@/i18n';
import { selectLocale, usePreferences } from '@/store';

export function useLocale(): Locale {
  const chosen = usePreferences(selectLocale);
  const locale = chosen && (locales as readonly string[]).includes(chosen) ? (chosen as Locale) : negotiateLocale(navigator.languages);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return locale;
}

/** The translation function for the current locale. */
export function useT() {
  const locale = useLocale();
  return useCallback((key: string, values?: Readonly<Record<string, string | number>>) => translate(locale, key, values), [locale]);
}
