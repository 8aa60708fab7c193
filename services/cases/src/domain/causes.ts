/** The controlled list of causes of action (案由) the court uses, each with the category metrics groups by. */
export const CAUSE_CATEGORIES = ['CONTRACT', 'LOAN', 'LABOUR', 'TORT', 'FAMILY', 'PROPERTY', 'OTHER'] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];

export interface CauseOfAction {
  code: string;
  name: string;
  category: CauseCategory;
}

export const CAUSES_OF_ACTION: readonly CauseOfAction[] = Object.freeze([
  { code: 'SALE_CONTRACT', name: '买卖合同纠纷', category: 'CONTRACT' },
  { code: 'CONSTRUCTION_CONTRACT', name: '建设工程施工合同纠纷', category: 'CONTRACT' },
  { code: 'LEASE_CONTRACT', name: '租赁合同纠纷', category: 'CONTRACT' },
  { code: 'SERVICE_CONTRACT', name: '服务合同纠纷', category: 'CONTRACT' },
  { code: 'PRIVATE_LENDING', name: '民间借贷纠纷', category: 'LOAN' },
  { code: 'FINANCIAL_LOAN', name: '金融借款合同纠纷', category: 'LOAN' },
  { code: 'LABOUR_REMUNERATION', name: '追索劳动报酬纠纷', category: 'LABOUR' },
  { code: 'LABOUR_CONTRACT', name: '劳动合同纠纷', category: 'LABOUR' },
  { code: 'TRAFFIC_ACCIDENT', name: '机动车交通事故责任纠纷', category: 'TORT' },
  { code: 'PERSONAL_INJURY', name: '生命权、身体权、健康权纠纷', category: 'TORT' },
  { code: 'DIVORCE', name: '离婚纠纷', category: 'FAMILY' },
  { code: 'CHILD_SUPPORT', name: '抚养费纠纷', category: 'FAMILY' },
  { code: 'ELDER_SUPPORT', name: '赡养费纠纷', category: 'FAMILY' },
  { code: 'PROPERTY_RIGHTS', name: '物权纠纷', category: 'PROPERTY' },
  { code: 'OTHER', name: '其他纠纷', category: 'OTHER' },
]);

const byCode = new Map(CAUSES_OF_ACTION.map((c) => [c.code, c]));

export function causeByCode(code: string): CauseOfAction | undefined {
  return byCode.get(code);
}

/** The GraphQL mapper name (the generated types declare their own CauseOfAction). */
export type CauseOfActionModel = CauseOfAction;
