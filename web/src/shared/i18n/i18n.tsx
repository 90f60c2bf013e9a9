import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

/**
 * A deliberately small i18n: Vietnamese first, English second. Each module declares its own
 * dictionary with `defineMessages(vi, en)`; the type makes both languages carry every key, and
 * messages with values are plain functions, so there is no interpolation syntax to get wrong.
 */
export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

/** A text in both languages, as the server and `core` give them (e.g. ROLE_LABELS). */
export interface Bilingual {
  vi: string;
  en: string;
}

type Message = string | ((...args: never[]) => string);
type Dictionary = Record<string, Message>;
/** The English half must have the same keys and, for functions, the same parameters. */
type SameShape<V extends Dictionary> = { [K in keyof V]: V[K] extends string ? string : V[K] };

export type Messages<V extends Dictionary> = Record<Lang, SameShape<V>>;

export function defineMessages<V extends Dictionary>(vi: V, en: SameShape<V>): Messages<V> {
  // V and SameShape<V> differ only in widening string literals to string.
  return { vi: vi as SameShape<V>, en };
}

export function pick(text: Bilingual, lang: Lang): string {
  return text[lang];
}

const STORAGE_KEY = 'dieuhanh.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'vi' || stored === 'en') return stored;
  } catch {
    // Storage may be unavailable (privacy mode); Vietnamese is the default.
  }
  return 'vi';
}

function applyLang(lang: Lang) {
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'vi' ? 'vi' : 'en');
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = initialLang();
    applyLang(initial);
    return initial;
  });
  useEffect(() => applyLang(lang), [lang]);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the switch still applies to this page.
    }
    applyLang(next);
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The dictionary in the current language. */
export function useMessages<V extends Dictionary>(messages: Messages<V>): SameShape<V> {
  return messages[useI18n().lang];
}
