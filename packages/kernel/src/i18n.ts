/**
 * The languages the product speaks: Chinese (zh-CN), the default, and English. A locale is chosen by
 * an argument or by the client's `Accept-Language`, which the gateway forwards to every subgraph.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The GraphQL enum `Locale` (ZH_CN, EN) as a locale. */
export const LOCALE_OF_ENUM: Readonly<Record<string, Locale>> = { ZH_CN: 'zh-CN', EN: 'en' };

/** One supported locale for a language tag (`zh`, `zh-Hans-CN`, `en-GB`…), or null. */
export function localeOfTag(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return null;
}

/**
 * The best supported locale of an `Accept-Language` header (RFC 9110: tags with q-weights, `*`); the
 * default when the header is absent, malformed or names nothing we speak. On equal weights the
 * earlier tag wins.
 */
export function parseAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of header.slice(0, 500).split(',')) {
    const [tag = '', ...params] = part.split(';');
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (!(q > 0)) continue;
    const locale = tag.trim() === '*' ? DEFAULT_LOCALE : localeOfTag(tag);
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}

/** A locale from an argument (the GraphQL enum or a tag), else the request's. */
export function chooseLocale(argument: string | null | undefined, requested: Locale): Locale {
  if (!argument) return requested;
  return LOCALE_OF_ENUM[argument] ?? localeOfTag(argument) ?? requested;
}

const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * An amount in fen as 元 with two decimals: `100000` → `1,000.00 元` (zh-CN) or `¥1,000.00` (en).
 * Integer arithmetic throughout, so no amount is ever rounded.
 */
export function formatYuan(fen: number | bigint | string, locale: Locale): string {
  const [sign, whole, cents] = yuanParts(fen);
  const yuan = `${groupThousands(whole)}.${cents}`;
  return locale === 'en' ? `${sign}¥${yuan}` : `${sign}${yuan} 元`;
}

/** An amount in fen as plain yuan with two decimals and no grouping (`123456` → `1234.56`): SMS texts, spreadsheets. */
export function yuanDecimal(fen: number | bigint | string): string {
  const [sign, whole, cents] = yuanParts(fen);
  return `${sign}${whole}.${cents}`;
}

function yuanParts(fen: number | bigint | string): [sign: string, whole: string, cents: string] {
  const n = BigInt(fen);
  const abs = n < 0n ? -n : n;
  return [n < 0n ? '-' : '', (abs / 100n).toString(), (abs % 100n).toString().padStart(2, '0')];
}

/** A message in every locale, made from its parameters. */
export type LocalizedMessage<P = Record<string, unknown>> = Readonly<Record<Locale, (p: P) => string>>;

/** Messages by key, each in every locale: a missing text is a type error, not a blank on screen. */
export type MessageCatalogue<K extends string, P = Record<string, unknown>> = Readonly<Record<K, LocalizedMessage<P>>>;

/** The text of `key` in `locale`, or null when the catalogue has no such key. */
export function renderMessage<K extends string, P>(
  catalogue: MessageCatalogue<K, P>,
  key: string,
  locale: Locale,
  params: P,
): string | null {
  const m = (catalogue as Record<string, LocalizedMessage<P> | undefined>)[key];
  return m ? m[locale](params) : null;
}
