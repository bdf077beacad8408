import { en, type MessageKey, type Messages } from './en';
import { ptBR } from './pt-BR';
import { zhCN } from './zh-CN';

export type { MessageKey, Messages };

// Types every error's message key (app/errors): a key missing from the English catalogue is a type error.
declare module '@/errors' {
  interface Register {
    readonly messages: typeof en;
  }
}
export const locales = ['en', 'pt-BR', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];
export const localeNames: Readonly<Record<Locale, string>> = { en: 'English', 'pt-BR': 'Português (Brasil)', 'zh-CN': '简体中文' };

export const catalogues: Readonly<Record<Locale, Messages>> = { en, 'pt-BR': ptBR, 'zh-CN': zhCN };

/** The best of our locales for the browser's preferred languages. */
export function negotiateLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('pt')) return 'pt-BR';
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

/** Translates a key, filling `{name}` placeholders; an unknown key falls back to English, then to itself. */
export function translate(locale: Locale, key: string, values: Readonly<Record<string, string | number>> = {}): string {
  const template = isMessageKey(key) ? catalogues[locale][key] : key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
