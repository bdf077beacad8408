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

/**
 * Formats one date with month names in `locale`, in idle time: a page's first such format loads the
 * locale's date patterns (tens of ms of main-thread work, measured in Chromium), which would otherwise
 * land in the first render that shows a date, e.g. a certificate's validity right after it is chosen.
 */
export function prepareDateFormatting(locale: Locale): () => void {
  const warm = () => void new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(0);
  if (typeof globalThis.requestIdleCallback === 'function') {
    const id = globalThis.requestIdleCallback(warm, { timeout: 200 });
    return () => globalThis.cancelIdleCallback(id);
  }
  const id = setTimeout(warm, 0);
  return () => clearTimeout(id);
}
