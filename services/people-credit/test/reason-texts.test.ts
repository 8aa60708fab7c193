import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import type { MessageCatalogue } from '@zhiyuan/kernel';
import { LISTING_GROUND_TEXTS, REMOVAL_GROUND_TEXTS, creditLinkReasonText } from '../src/domain/reason-texts';

const HAN = /[\u4e00-\u9fff]/;

describe('listing and removal grounds in words', () => {
  const sdl = parse(readFileSync(path.join(__dirname, '../src/schema.graphql'), 'utf8'));
  const valuesOf = (name: string) =>
    (
      sdl.definitions.find(
        (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name,
      )?.values ?? []
    ).map((v) => v.name.value);

  it.each([
    ['ListingGround', LISTING_GROUND_TEXTS],
    ['ListingRemovalGround', REMOVAL_GROUND_TEXTS],
  ] as const)('every %s of the schema has a Chinese and an English text', (name, catalogue) => {
    const values = valuesOf(name);
    expect(values.length).toBeGreaterThan(3);
    expect(Object.keys(catalogue).sort()).toEqual([...values].sort());
    for (const v of values) {
      const texts = (catalogue as MessageCatalogue<string>)[v]!;
      expect(texts['zh-CN']({})).toMatch(HAN);
      expect(texts.en({})).not.toMatch(HAN);
    }
  });

  it('reads a credit-link reason', () => {
    expect(creditLinkReasonText('LISTED:ABLE_BUT_REFUSES', 'zh-CN')).toBe('纳入失信名单：有履行能力而拒不履行');
    expect(creditLinkReasonText('REMOVED:FULL_PERFORMANCE', 'en')).toBe('Removed: Performed in full');
    expect(creditLinkReasonText('SOMETHING', 'en')).toBe('SOMETHING');
  });
});
