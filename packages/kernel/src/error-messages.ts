import type { Locale, MessageCatalogue } from './i18n';

/**
 * Every `extensions.code` a client can meet: the domain's (errors.ts), and those the subgraph
 * servers and the gateway answer with themselves.
 */
export const CLIENT_ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'INVALID_TRANSITION',
  'RULE_VIOLATION',
  'INTERNAL_SERVER_ERROR',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_REQUIRED',
  'PAYLOAD_TOO_LARGE',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'SUBGRAPH_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'SLOW_CONSUMER',
  'RESUME_TOO_OLD',
  'ATTACHMENT_LINK_INVALID',
  'ATTACHMENT_LINK_EXPIRED',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_TYPE_MISMATCH',
  'ATTACHMENT_SIZE_MISMATCH',
  'ATTACHMENT_REJECTED_BY_SCAN',
  'PDF_FONT_MISSING',
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

type Ext = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * The message of each code in each locale, from the error's extensions (`field`, `rule`, `from`,
 * `to`, `entity`): a clerk reads what went wrong and what to do, whatever the English `message` says.
 */
export const ERROR_MESSAGES: MessageCatalogue<ClientErrorCode, Ext> = {
  VALIDATION_FAILED: {
    'zh-CN': (e) => (str(e.field) ? `填写的内容有误：${str(e.field)}，请检查后重试` : '填写的内容有误，请检查后重试'),
    en: (e) =>
      str(e.field)
        ? `The value of ${str(e.field)} is not valid; check it and try again`
        : 'A value is not valid; check it and try again',
  },
  NOT_FOUND: {
    'zh-CN': () => '未找到所查询的记录',
    en: () => 'The record was not found',
  },
  FORBIDDEN: {
    'zh-CN': () => '您没有权限进行此操作',
    en: () => 'You are not allowed to do this',
  },
  UNAUTHENTICATED: {
    'zh-CN': () => '请先登录',
    en: () => 'Sign in to do this',
  },
  CONFLICT: {
    'zh-CN': () => '该记录已存在或已被处理，请刷新后查看',
    en: () => 'This already exists or was already done; refresh to see it',
  },
  INVALID_TRANSITION: {
    'zh-CN': (e) =>
      str(e.from) && str(e.to) ? `当前状态（${str(e.from)}）不能变更为 ${str(e.to)}` : '当前状态不能进行此变更',
    en: (e) =>
      str(e.from) && str(e.to)
        ? `State ${str(e.from)} cannot move to ${str(e.to)}`
        : 'The state cannot change this way',
  },
  RULE_VIOLATION: {
    'zh-CN': (e) => (str(e.rule) ? `不符合办理规则（${str(e.rule)}）` : '不符合办理规则'),
    en: (e) => (str(e.rule) ? `This breaks the rule ${str(e.rule)}` : 'This breaks a rule of the procedure'),
  },
  INTERNAL_SERVER_ERROR: {
    'zh-CN': () => '系统内部错误，请稍后重试',
    en: () => 'Internal error; try again later',
  },
  BAD_USER_INPUT: {
    'zh-CN': () => '请求中的参数有误',
    en: () => 'An argument of the request is not valid',
  },
  BAD_REQUEST: {
    'zh-CN': () => '请求格式有误',
    en: () => 'The request was refused as malformed',
  },
  GRAPHQL_PARSE_FAILED: {
    'zh-CN': () => '查询语句无法解析',
    en: () => 'The query could not be parsed',
  },
  GRAPHQL_VALIDATION_FAILED: {
    'zh-CN': () => '查询语句与接口定义不符',
    en: () => 'The query does not match the schema',
  },
  OPERATION_RESOLUTION_FAILURE: {
    'zh-CN': () => '无法确定要执行的操作',
    en: () => 'The operation to run could not be determined',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    'zh-CN': () => '该操作不在允许清单中',
    en: () => 'This operation is not on the safelist',
  },
  PERSISTED_QUERY_REQUIRED: {
    'zh-CN': () => '只接受允许清单中的操作',
    en: () => 'Only safelisted operations are accepted',
  },
  PAYLOAD_TOO_LARGE: {
    'zh-CN': () => '请求内容过大',
    en: () => 'The request is too large',
  },
  QUERY_TOO_COMPLEX: {
    'zh-CN': () => '查询过于复杂，请缩小范围',
    en: () => 'The query is too complex; ask for less at once',
  },
  RATE_LIMITED: {
    'zh-CN': () => '请求过于频繁，请一分钟后再试',
    en: () => 'Too many requests; slow down and try again in a minute',
  },
  SUBGRAPH_UNAVAILABLE: {
    'zh-CN': () => '部分数据暂时无法获取，请稍后重试',
    en: () => 'Part of the answer is unavailable right now; try again shortly',
  },
  SERVICE_UNAVAILABLE: {
    'zh-CN': () => '服务暂时不可用，请稍后重试',
    en: () => 'The service is unavailable right now; try again shortly',
  },
  SLOW_CONSUMER: {
    'zh-CN': () => '待推送的消息过多，订阅已中断，请从最后收到的位置重新订阅',
    en: () => 'Too many events were waiting for you; subscribe again from the last cursor',
  },
  RESUME_TOO_OLD: {
    'zh-CN': () => '断开时间过长，无法续传，请刷新后重新订阅',
    en: () => 'This cursor is too far behind to resume from; reload and subscribe again',
  },
  ATTACHMENT_LINK_INVALID: {
    'zh-CN': () => '文件链接无效，请重新获取',
    en: () => 'The file link is not valid; ask for a new one',
  },
  ATTACHMENT_LINK_EXPIRED: {
    'zh-CN': () => '文件链接已过期，请重新获取',
    en: () => 'The file link has expired; ask for a new one',
  },
  ATTACHMENT_TOO_LARGE: {
    'zh-CN': () => '文件超过申报的大小或允许的上限',
    en: () => 'The file is larger than declared or than allowed',
  },
  ATTACHMENT_TYPE_MISMATCH: {
    'zh-CN': () => '文件内容与申报的类型不符，或不是允许的文件类型',
    en: () => 'The file is not of the declared type, or of no accepted type',
  },
  ATTACHMENT_SIZE_MISMATCH: {
    'zh-CN': () => '文件大小与申报的不符，请重新上传',
    en: () => 'The file is not of the declared size; upload it again',
  },
  ATTACHMENT_REJECTED_BY_SCAN: {
    'zh-CN': () => '文件未通过病毒扫描，未予保存',
    en: () => 'The file was refused by the virus scan and not kept',
  },
  PDF_FONT_MISSING: {
    'zh-CN': () => '服务器未安装中文字体，暂不能生成 PDF，请下载 CSV 或 XLSX',
    en: () => 'No Chinese font is installed on the server for PDF; download the CSV or XLSX instead',
  },
};

/** The localized message of an error's code; an unknown code gets the internal error's text. */
export function localizedErrorMessage(code: string | undefined, extensions: Ext, locale: Locale): string {
  const m = (ERROR_MESSAGES as Record<string, (typeof ERROR_MESSAGES)[ClientErrorCode] | undefined>)[code ?? ''];
  return (m ?? ERROR_MESSAGES.INTERNAL_SERVER_ERROR)[locale](extensions);
}
