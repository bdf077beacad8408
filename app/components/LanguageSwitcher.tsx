import { localeNames, locales } from '@/i18n';
import { selectSetLocale, usePreferences } from '@/store';
import { useLocale, useT } from './useT';

export function LanguageSwitcher() {
  const t = useT();
  const locale = useLocale();
  const setLocale = usePreferences(selectSetLocale);
  return (
    <label className="language">
      <span>{t('app.language')}</span>{' '}
      <select value={locale} onChange={(e) => setLocale(e.target.value)}>
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
