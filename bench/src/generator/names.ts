import type { Rng } from './prng';

// Common surnames, roughly by frequency (Zhejiang has many 王, 陈, 张, 李, 吴, 徐, 周, 沈).
const SURNAMES: Record<string, number> = {
  王: 80,
  陈: 75,
  张: 60,
  李: 55,
  吴: 45,
  徐: 45,
  周: 40,
  沈: 35,
  刘: 30,
  杨: 28,
  朱: 28,
  钱: 22,
  金: 20,
  胡: 20,
  孙: 18,
  郑: 18,
  许: 16,
  姚: 15,
  马: 14,
  俞: 14,
  蒋: 14,
  丁: 12,
  施: 12,
  潘: 12,
  方: 12,
  叶: 11,
  汪: 10,
  邱: 10,
  顾: 10,
  高: 10,
  褚: 6,
  臧: 5,
  费: 5,
  缪: 4,
  诸葛: 1,
  欧阳: 1,
};
const MALE_CHARS = '伟强军建国明华平杰刚勇斌超俊峰磊鹏飞涛波辉浩文志海林宏亮庆德荣根生福龙';
const FEMALE_CHARS = '芳娟敏静丽艳燕霞红秀英玲萍梅琴慧佳颖婷雪琳洁美丹菊兰凤月云莉';
const COMPANY_STEMS = [
  '长兴',
  '太湖',
  '吉祥',
  '宏达',
  '永兴',
  '华晟',
  '金鼎',
  '顺发',
  '恒源',
  '鑫盛',
  '天成',
  '锦泰',
  '民丰',
  '瑞祥',
  '新亚',
  '绿源',
  '嘉禾',
  '浙北',
];
const COMPANY_TRADES = [
  '建材',
  '纺织',
  '机械',
  '电池',
  '物流',
  '农业',
  '家具',
  '茶业',
  '服饰',
  '建设',
  '贸易',
  '科技',
  '装饰',
  '竹木',
];
const COMPANY_FORMS = ['有限公司', '有限责任公司', '股份有限公司'];

export function personName(rng: Rng, male: boolean): string {
  const chars = male ? MALE_CHARS : FEMALE_CHARS;
  const given = rng.chance(0.7) ? rng.pick([...chars]) + rng.pick([...chars]) : rng.pick([...chars]);
  return rng.weighted(SURNAMES) + given;
}

export function companyName(rng: Rng, county: string): string {
  return `${county.replace(/县$/, '')}${rng.pick(COMPANY_STEMS)}${rng.pick(COMPANY_TRADES)}${rng.pick(COMPANY_FORMS)}`;
}
