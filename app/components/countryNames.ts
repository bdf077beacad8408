import { isMessageKey, type MessageKey } from '@/i18n';

type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

/** A country's name in the person's language; a country without a translation keeps its ISO code. */
export function countryName(t: Translate, code: string): string {
  const key = `country.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/**
 * "of <country>" as each language says it: Portuguese contracts the article with the name ("do Brasil",
 * "da China"), which a template's "de {country}" cannot do.
 */
export function countryOf(t: Translate, code: string): string {
  const key = `countryOf.${code}`;
  return isMessageKey(key) ? t(key) : t('countryOf.other', { country: code });
}
