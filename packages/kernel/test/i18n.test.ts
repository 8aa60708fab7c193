import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  CLIENT_ERROR_CODES,
  ERROR_MESSAGES,
  LOCALES,
  chooseLocale,
  errors,
  formatYuan,
  localizedErrorMessage,
  parseAcceptLanguage,
  renderMessage,
  type ErrorCode,
  type MessageCatalogue,
} from '../src';

const HAN = /[\u4e00-\u9fff]/;

describe('parseAcceptLanguage', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB', 'en'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh_TW', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr-FR', 'zh-CN'],
    ['en;q=0.3, zh;q=0.7', 'zh-CN'],
    ['zh;q=0, en', 'en'],
    ['*', 'zh-CN'],
    ['en;q=abc', 'en'],
    [';;;,,,', 'zh-CN'],
  ])('%p → %s', (header, locale) => {
    expect(parseAcceptLanguage(header)).toBe(locale);
  });
});

describe('chooseLocale', () => {
  it('takes the argument (enum or tag) over the request locale', () => {
    expect(chooseLocale('EN', 'zh-CN')).toBe('en');
    expect(chooseLocale('ZH_CN', 'en')).toBe('zh-CN');
    expect(chooseLocale('en-US', 'zh-CN')).toBe('en');
    expect(chooseLocale(null, 'en')).toBe('en');
    expect(chooseLocale('xx', 'en')).toBe('en');
  });
});

describe('formatYuan', () => {
  it.each([
    [100000, '1,000.00 元', '¥1,000.00'],
    [0, '0.00 元', '¥0.00'],
    [5, '0.05 元', '¥0.05'],
    [123456789, '1,234,567.89 元', '¥1,234,567.89'],
    [-2550, '-25.50 元', '-¥25.50'],
    ['900719925474099312', '9,007,199,254,740,993.12 元', '¥9,007,199,254,740,993.12'],
  ])('%p fen', (fen, zh, en) => {
    expect(formatYuan(fen, 'zh-CN')).toBe(zh);
    expect(formatYuan(fen, 'en')).toBe(en);
  });
});

describe('renderMessage', () => {
  const catalogue: MessageCatalogue<'HELLO', { who: string }> = {
    HELLO: { 'zh-CN': (p) => `你好，${p.who}`, en: (p) => `Hello, ${p.who}` },
  };
  it('renders a key in each locale and null for an unknown key', () => {
    expect(renderMessage(catalogue, 'HELLO', 'zh-CN', { who: '张三' })).toBe('你好，张三');
    expect(renderMessage(catalogue, 'HELLO', 'en', { who: 'Zhang San' })).toBe('Hello, Zhang San');
    expect(renderMessage(catalogue, 'BYE', 'en', { who: 'x' })).toBeNull();
  });
});

describe('error messages', () => {
  it('every client error code has a Chinese and an English text', () => {
    for (const code of CLIENT_ERROR_CODES) {
      for (const locale of LOCALES) {
        const texts = [
          ERROR_MESSAGES[code][locale]({}),
          ERROR_MESSAGES[code][locale]({ field: 'x', rule: 'r', from: 'A', to: 'B' }),
        ];
        for (const t of texts) {
          expect(t.trim().length).toBeGreaterThan(3);
          if (locale === 'zh-CN') expect(t).toMatch(HAN);
          else expect(t).not.toMatch(HAN);
        }
      }
    }
  });

  it('every code the domain errors raise is in the catalogue', () => {
    const raised = [
      errors.validation('amountFen', 'bad'),
      errors.notFound('Case', 'x'),
      errors.forbidden(),
      errors.conflict('dup'),
      errors.invalidTransition('A', 'B'),
      errors.rule('overpayment', 'too much'),
    ].map((e) => e.extensions.code as string);
    const all: ErrorCode[] = [...(raised as ErrorCode[]), 'UNAUTHENTICATED'];
    for (const code of all) expect(CLIENT_ERROR_CODES).toContain(code);
    // The type says the same: every ErrorCode is a ClientErrorCode.
    const typed: readonly string[] = CLIENT_ERROR_CODES satisfies readonly string[];
    const check = (c: ErrorCode): (typeof CLIENT_ERROR_CODES)[number] => c;
    expect(typed).toContain(check('CONFLICT'));
  });

  it('names the field, the rule and the states the error carries', () => {
    expect(localizedErrorMessage('VALIDATION_FAILED', { field: 'amountFen' }, 'zh-CN')).toContain('amountFen');
    expect(localizedErrorMessage('RULE_VIOLATION', { rule: 'overpayment' }, 'en')).toContain('overpayment');
    expect(localizedErrorMessage('INVALID_TRANSITION', { from: 'URGING', to: 'EXITED' }, 'en')).toBe(
      'State URGING cannot move to EXITED',
    );
    expect(localizedErrorMessage('NOPE', {}, 'zh-CN')).toBe('系统内部错误，请稍后重试');
  });
});

describe('the error codes the code base raises', () => {
  const root = path.resolve(__dirname, '../../..');
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) return name === 'generated' || name === 'node_modules' ? [] : sources(p);
      return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
    });
  const dirs = [
    'gateway/src',
    ...['services', 'packages'].flatMap((top) => readdirSync(path.join(root, top)).map((d) => `${top}/${d}/src`)),
  ].filter((d) => {
    try {
      return statSync(path.join(root, d)).isDirectory();
    } catch {
      return false;
    }
  });
  // A code given to a GraphQL error's extensions, to the gateway's HTTP refusals, or to a DomainError.
  const PATTERNS = [
    /extensions:\s*\{[^}]*?\bcode:\s*'([A-Z_]+)'/g,
    /reject\([^,]+,\s*\d+,\s*'([A-Z_]+)'/g,
    /DomainError\('([A-Z_]+)'/g,
  ];

  it('all have a text in both languages', () => {
    const found = new Set<string>();
    for (const file of dirs.flatMap((d) => sources(path.join(root, d)))) {
      const text = readFileSync(file, 'utf8');
      for (const re of PATTERNS) for (const m of text.matchAll(re)) found.add(m[1]!);
    }
    expect(found.size).toBeGreaterThan(10);
    expect([...found].filter((c) => !(CLIENT_ERROR_CODES as readonly string[]).includes(c))).toEqual([]);
  });
});
