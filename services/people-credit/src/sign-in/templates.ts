/** The Chinese texts of people-credit's own SMS; the ledger keeps the template name beside the (redacted) text. */
export const SIGN_IN_TEMPLATES = {
  SIGN_IN_CODE:
    '【执源】您的登录验证码为{code}，{minutes}分钟内有效。请勿将验证码告诉他人，法院及村（社区）工作人员不会向您索要验证码。',
} as const;

export type SignInTemplate = keyof typeof SIGN_IN_TEMPLATES;

export function renderSignInText(template: SignInTemplate, vars: Record<string, string>): string {
  return SIGN_IN_TEMPLATES[template].replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}
