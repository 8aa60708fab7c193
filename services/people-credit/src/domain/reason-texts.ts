import type { Locale, MessageCatalogue } from '@zhiyuan/kernel';

/**
 * Every reason code a credit and capacity profile can carry (capacity-profile.ts, the court's
 * override), each with the Chinese and the English text a clerk or the obligor reads: the
 * explanation of an automated decision that the Personal Information Protection Law asks for.
 */
export const CREDIT_REASON_CODES = [
  'AGE_70_OR_OVER',
  'DISABILITY',
  'SERIOUS_ILLNESS',
  'RECOMMEND_RELIEF_OR_EXIT',
  'NOT_FOUND_AT_HOME',
  'MISSED_INSTALMENTS',
  'ABLE_BUT_NOT_PAYING',
  'RECOMMEND_COERCIVE_MEASURES',
  'DECLARED_PROPERTY',
  'LOW_INCOME_STATUS',
  'LOW_DECLARED_INCOME',
  'ASSETS_BELOW_DEBT',
  'GRACE_1_MONTHS',
  'GRACE_2_MONTHS',
  'GRACE_3_MONTHS',
  'NO_OUTSTANDING_OBLIGATION',
  'PAYING',
  'ONE_MISSED_INSTALMENT',
  'NO_ADVERSE_SIGNAL',
  'COURT_OVERRIDE',
] as const;
export type CreditReasonCode = (typeof CREDIT_REASON_CODES)[number];

const fixed = (zh: string, en: string) => ({ 'zh-CN': () => zh, en: () => en });

export const CREDIT_REASON_TEXTS: MessageCatalogue<CreditReasonCode> = {
  AGE_70_OR_OVER: fixed('年满七十周岁', 'Aged 70 or over'),
  DISABILITY: fixed('身有残疾', 'Has a disability'),
  SERIOUS_ILLNESS: fixed('身患重病', 'Seriously ill'),
  RECOMMEND_RELIEF_OR_EXIT: fixed('建议予以救助或退出执行程序', 'Relief or exit from enforcement is recommended'),
  NOT_FOUND_AT_HOME: fixed('在户籍地查找不到本人', 'Not found at the registered home'),
  MISSED_INSTALMENTS: fixed('两期以上分期款未按期履行', 'Two or more instalments missed'),
  ABLE_BUT_NOT_PAYING: fixed('有履行能力而拒不履行', 'Able to pay but not paying'),
  RECOMMEND_COERCIVE_MEASURES: fixed('建议采取强制执行措施', 'Coercive measures are recommended'),
  DECLARED_PROPERTY: fixed('已如实申报财产', 'Declared property and income'),
  LOW_INCOME_STATUS: fixed('属低收入群体', 'Has low-income status'),
  LOW_DECLARED_INCOME: fixed('申报的月收入低于 2,000.00 元', 'Declared monthly income below ¥2,000.00'),
  ASSETS_BELOW_DEBT: fixed('申报的财产不足以清偿债务', 'Declared assets do not cover the debt'),
  GRACE_1_MONTHS: fixed('给予一个月宽限期', 'A grace period of 1 month'),
  GRACE_2_MONTHS: fixed('给予两个月宽限期', 'A grace period of 2 months'),
  GRACE_3_MONTHS: fixed('给予三个月宽限期', 'A grace period of 3 months'),
  NO_OUTSTANDING_OBLIGATION: fixed('无未履行的义务', 'No obligation outstanding'),
  PAYING: fixed('正在履行', 'Paying'),
  ONE_MISSED_INSTALMENT: fixed('有一期分期款未按期履行', 'One instalment missed'),
  NO_ADVERSE_SIGNAL: fixed('无不良记录', 'Nothing adverse known'),
  COURT_OVERRIDE: fixed('法院依职权调整了评估结果', 'The court set the classification by hand'),
};

/** The text of a reason code in a locale; a code without a text (none should be) shows as itself. */
export function creditReasonText(code: string, locale: Locale): string {
  const m = (CREDIT_REASON_TEXTS as Record<string, (typeof CREDIT_REASON_TEXTS)[CreditReasonCode] | undefined>)[code];
  return m ? m[locale]({}) : code;
}

/** The grounds of a listing (SPC 2017 rules) and of its removal, in words. */
export const LISTING_GROUND_TEXTS: MessageCatalogue<
  | 'ABLE_BUT_REFUSES'
  | 'OBSTRUCTS_BY_FORGERY_VIOLENCE_OR_THREATS'
  | 'EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS'
  | 'BREAKS_PROPERTY_REPORTING_DUTY'
  | 'BREAKS_CONSUMPTION_RESTRICTION'
  | 'REFUSES_SETTLEMENT_AGREEMENT'
> = {
  ABLE_BUT_REFUSES: fixed('有履行能力而拒不履行', 'Able to perform but refuses'),
  OBSTRUCTS_BY_FORGERY_VIOLENCE_OR_THREATS: fixed(
    '以伪造证据、暴力、威胁等方法妨碍、抗拒执行',
    'Obstructs enforcement by forgery, violence or threats',
  ),
  EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS: fixed(
    '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行',
    'Evades enforcement by false litigation or by hiding assets',
  ),
  BREAKS_PROPERTY_REPORTING_DUTY: fixed('违反财产报告制度', 'Breaks the duty to report property'),
  BREAKS_CONSUMPTION_RESTRICTION: fixed('违反限制消费令', 'Breaks the consumption restriction'),
  REFUSES_SETTLEMENT_AGREEMENT: fixed(
    '无正当理由拒不履行执行和解协议',
    'Refuses without reason to perform a settlement',
  ),
};

export const REMOVAL_GROUND_TEXTS: MessageCatalogue<
  'FULL_PERFORMANCE' | 'SETTLED_AND_PERFORMED' | 'CASE_CLOSED' | 'RIGHTS_HOLDER_REQUEST' | 'EXPIRED' | 'CORRECTION'
> = {
  FULL_PERFORMANCE: fixed('已全部履行', 'Performed in full'),
  SETTLED_AND_PERFORMED: fixed('执行和解协议已履行完毕', 'Settlement performed'),
  CASE_CLOSED: fixed('案件已结案', 'The case closed'),
  RIGHTS_HOLDER_REQUEST: fixed('申请执行人书面申请删除', "At the rights holder's written request"),
  EXPIRED: fixed('失信期限届满', 'The listing term ended'),
  CORRECTION: fixed('纠正错误', 'Corrected as made in error'),
};

const textOf = (catalogue: MessageCatalogue<string>, code: string, locale: Locale) =>
  catalogue[code]?.[locale]({}) ?? code;

export const listingGroundText = (ground: string, locale: Locale) =>
  textOf(LISTING_GROUND_TEXTS as MessageCatalogue<string>, ground, locale);
export const removalGroundText = (ground: string, locale: Locale) =>
  textOf(REMOVAL_GROUND_TEXTS as MessageCatalogue<string>, ground, locale);

/** A credit-link change's reason (`LISTED:<ground>`, `REMOVED:<ground>`) in words. */
export function creditLinkReasonText(reason: string, locale: Locale): string {
  const [what, ground = ''] = reason.split(':', 2);
  if (what === 'LISTED')
    return locale === 'en'
      ? `Listed: ${listingGroundText(ground, locale)}`
      : `纳入失信名单：${listingGroundText(ground, locale)}`;
  if (what === 'REMOVED')
    return locale === 'en'
      ? `Removed: ${removalGroundText(ground, locale)}`
      : `移出失信名单：${removalGroundText(ground, locale)}`;
  return reason;
}
