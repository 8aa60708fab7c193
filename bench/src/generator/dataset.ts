import { Rng, uuidFrom } from './prng';
import { residentIdNumber, unifiedCreditCode } from './ids';
import { companyName, personName } from './names';

export type Scale = 'county' | 'province';

export interface ScaleShape {
  counties: number;
  townshipsPerCounty: number;
  villagesPerTownship: number;
  partiesPerCounty: number;
  judgmentsPerCounty: number;
}

/** Changxing-like county; the province is 100 such counties (1,000,000 judgments). */
export const SCALES: Record<Scale, ScaleShape> = {
  county: {
    counties: 1,
    townshipsPerCounty: 16,
    villagesPerTownship: 17,
    partiesPerCounty: 20_000,
    judgmentsPerCounty: 10_000,
  },
  province: {
    counties: 100,
    townshipsPerCounty: 16,
    villagesPerTownship: 17,
    partiesPerCounty: 20_000,
    judgmentsPerCounty: 10_000,
  },
};

/** The last day of the generated three years; fixed so the data does not depend on the clock. */
export const DATA_END = '2026-10-31';
const DAY = 86_400_000;
const END_MS = Date.parse(`${DATA_END}T00:00:00Z`);
const START_MS = END_MS - 3 * 365 * DAY;

// Changxing's real township codes (as in the people-credit demo tree), so county-scale data lands on
// the divisions the product seeds.
const CHANGXING_TOWNSHIPS = [
  '001',
  '002',
  '003',
  '004',
  '101',
  '102',
  '103',
  '104',
  '105',
  '106',
  '107',
  '108',
  '109',
  '201',
  '202',
  '203',
];

export interface DivisionRow {
  code: string;
  level: 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';
  parentCode: string | null;
}

export interface PartyRow {
  /** Deterministic id: stable across runs with the same seed. */
  key: string;
  index: number;
  kind: 'PERSON' | 'ORGANIZATION';
  name: string;
  /** Resident ID number (persons) or unified social credit code (organizations). */
  idNumber: string;
  birthDate: string | null;
  male: boolean | null;
  phone: string;
  homeDivisionCode: string;
  legalRepresentative: string | null;
  disability: boolean;
  seriousIllness: boolean;
  lowIncome: boolean;
}

/** What happens to a judgment after it becomes effective. */
export type Outcome =
  'PERFORMED_AFTER_URGING' | 'COMPLETED' | 'INSTALMENTS' | 'SETTLED' | 'TERMINATED_THIS_ROUND' | 'EXITED' | 'OPEN';

export type Step =
  | { kind: 'startUrging'; on: string }
  | { kind: 'payment'; on: string; amountFen: number; channel: string }
  | { kind: 'fileEnforcement'; on: string; enforcementNumber: string; needsService: boolean }
  | {
      kind: 'settlement';
      on: string;
      settlementKind: 'SETTLEMENT' | 'INSTALMENT_PLAN';
      instalments: { dueDate: string; amountFen: number }[];
    }
  | {
      kind: 'listDishonest';
      on: string;
      ground: 'ABLE_BUT_REFUSES' | 'EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS' | 'BREAKS_PROPERTY_REPORTING_DUTY';
    }
  | { kind: 'changeState'; on: string; to: 'IN_PROGRESS' | 'TERMINATED_THIS_ROUND' | 'EXITED'; reason: string };

export interface JudgmentRow {
  key: string;
  index: number;
  caseNumber: string;
  court: string;
  causeCode: string;
  /** Which of the county's judges presides (0-based). */
  judgeIndex: number;
  effectiveDate: string;
  performanceDeadline: string;
  obligorIndex: number;
  obligeeIndex: number;
  principalFen: number;
  interestFen: number;
  costsFen: number;
  outcome: Outcome;
  /** The life of the case after intake, in date order. */
  steps: Step[];
}

const CAUSES: Record<string, number> = {
  SALE_CONTRACT: 16,
  CONSTRUCTION_CONTRACT: 6,
  LEASE_CONTRACT: 5,
  SERVICE_CONTRACT: 4,
  PRIVATE_LENDING: 22,
  FINANCIAL_LOAN: 14,
  LABOUR_REMUNERATION: 8,
  LABOUR_CONTRACT: 3,
  TRAFFIC_ACCIDENT: 7,
  PERSONAL_INJURY: 3,
  DIVORCE: 3,
  CHILD_SUPPORT: 3,
  ELDER_SUPPORT: 1,
  PROPERTY_RIGHTS: 2,
  OTHER: 3,
};

// About a third performed after urging (the report: 422 in full before enforcement out of 3,420 urged,
// plus voluntary performance); the rest through enforcement.
const OUTCOMES: Record<Outcome, number> = {
  PERFORMED_AFTER_URGING: 34,
  COMPLETED: 17,
  INSTALMENTS: 13,
  SETTLED: 8,
  TERMINATED_THIS_ROUND: 13,
  EXITED: 2,
  OPEN: 13,
};

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class Dataset {
  readonly shape: ScaleShape;

  constructor(
    readonly scale: Scale,
    readonly seed: number = 20240708,
    overrides: Partial<ScaleShape> = {},
  ) {
    this.shape = { ...SCALES[scale], ...overrides };
  }

  get totalParties(): number {
    return this.shape.counties * this.shape.partiesPerCounty;
  }

  get totalJudgments(): number {
    return this.shape.counties * this.shape.judgmentsPerCounty;
  }

  countyCode(c: number): string {
    if (this.scale === 'county' && c === 0) return '330522';
    // Zhejiang: 11 prefectures (3301..3311), counties numbered from 02.
    return `33${String(1 + (c % 11)).padStart(2, '0')}${String(2 + Math.floor(c / 11)).padStart(2, '0')}`;
  }

  townshipCode(c: number, t: number): string {
    const suffix = CHANGXING_TOWNSHIPS[t] ?? String(300 + t);
    return `${this.countyCode(c)}${suffix}`;
  }

  villageCode(c: number, t: number, v: number): string {
    return `${this.townshipCode(c, t)}${201 + v}`;
  }

  /** The division tree, county by county (small: 289 rows per county). */
  *divisions(): Generator<DivisionRow> {
    const s = this.shape;
    for (let c = 0; c < s.counties; c++) {
      const county = this.countyCode(c);
      yield { code: county, level: 'COUNTY', parentCode: null };
      for (let t = 0; t < s.townshipsPerCounty; t++) {
        const township = this.townshipCode(c, t);
        yield { code: township, level: 'TOWNSHIP', parentCode: county };
        for (let v = 0; v < s.villagesPerTownship; v++)
          yield { code: this.villageCode(c, t, v), level: 'VILLAGE', parentCode: township };
      }
    }
  }

  /** Party i, derived from the seed and i alone. */
  party(index: number): PartyRow {
    const s = this.shape;
    const rng = new Rng(this.seed, 'party', index);
    const c = Math.floor(index / s.partiesPerCounty);
    const local = index % s.partiesPerCounty;
    const t = rng.int(0, s.townshipsPerCounty - 1);
    const v = rng.int(0, s.villagesPerTownship - 1);
    const village = this.villageCode(c, t, v);
    // Obligors come from the first 65% of a county's parties, obligees from the rest; companies are
    // more common among obligees (banks, suppliers).
    const orgShare = local < s.partiesPerCounty * 0.65 ? 0.1 : 0.3;
    const key = uuidFrom(rng);
    const phone = `1${rng.pick(['33', '35', '37', '38', '39', '58', '59', '80', '89'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    if (rng.chance(orgShare)) {
      return {
        key,
        index,
        kind: 'ORGANIZATION',
        name: companyName(rng, '长兴县'),
        idNumber: unifiedCreditCode(this.countyCode(c), 10_000_000 + index),
        birthDate: null,
        male: null,
        phone,
        homeDivisionCode: village,
        legalRepresentative: personName(rng, rng.chance(0.8)),
        disability: false,
        seriousIllness: false,
        lowIncome: false,
      };
    }
    const male = rng.chance(0.62);
    // Birth dates 1950-01-01 … 2004-12-31; (date, sequence) is a bijection of the local index, so
    // ID numbers never collide within a county (and the county code separates counties).
    const days = Math.round((Date.parse('2005-01-01') - Date.parse('1950-01-01')) / DAY);
    const dayIndex = (local * 7919 + (this.seed % days)) % days;
    const birthDate = iso(Date.parse('1950-01-01') + dayIndex * DAY);
    const sequence = 2 * Math.floor(local / days) + (male ? 1 : 0);
    const age = 2026 - Number(birthDate.slice(0, 4));
    return {
      key,
      index,
      kind: 'PERSON',
      name: personName(rng, male),
      idNumber: residentIdNumber(this.countyCode(c), birthDate, sequence, male),
      birthDate,
      male,
      phone,
      homeDivisionCode: village,
      legalRepresentative: null,
      disability: rng.chance(age > 65 ? 0.05 : 0.01),
      seriousIllness: rng.chance(0.01),
      lowIncome: rng.chance(0.06),
    };
  }

  *parties(from = 0, to = this.totalParties): Generator<PartyRow> {
    for (let i = from; i < to; i++) yield this.party(i);
  }

  /** Judgment i, derived from the seed and i alone. */
  judgment(index: number): JudgmentRow {
    const s = this.shape;
    const rng = new Rng(this.seed, 'judgment', index);
    const c = Math.floor(index / s.judgmentsPerCounty);
    const local = index % s.judgmentsPerCounty;
    const obligorSpan = Math.floor(s.partiesPerCounty * 0.65);
    // A few obligors have several cases: square the uniform to skew towards low indexes.
    const obligorIndex = c * s.partiesPerCounty + Math.floor(rng.next() ** 1.3 * obligorSpan);
    const obligeeIndex = c * s.partiesPerCounty + obligorSpan + rng.int(0, s.partiesPerCounty - obligorSpan - 1);
    const effectiveMs = START_MS + Math.floor(rng.next() * (END_MS - START_MS - 20 * DAY));
    const effectiveDate = iso(effectiveMs);
    const year = effectiveDate.slice(0, 4);
    const courtCode = this.countyCode(c).slice(2);
    const causeCode = rng.weighted(CAUSES);
    // Log-normal amounts: median 30,000 CNY, mean about 70,000 (the report: 365 M CNY over 4,242 new cases).
    const principalFen = Math.max(50_000, Math.round(rng.logNormal(3_000_000, 1.3)));
    const interestFen = rng.chance(0.6) ? Math.round(principalFen * rng.next() * 0.12) : 0;
    const costsFen = Math.max(5_000, Math.round(principalFen * (0.01 + rng.next() * 0.02)));
    const owed = principalFen + interestFen + costsFen;
    const deadlineMs = effectiveMs + rng.int(10, 30) * DAY;
    const outcome = rng.weighted(OUTCOMES);
    const steps: Step[] = [];
    const at = (ms: number) => iso(Math.min(ms, END_MS));
    steps.push({ kind: 'startUrging', on: effectiveDate });
    const channel = () => rng.pick(['BANK_TRANSFER', 'COURT_ACCOUNT', 'CASH_AT_COURT', 'ALIPAY']);
    if (outcome === 'PERFORMED_AFTER_URGING') {
      const payDay = effectiveMs + rng.int(1, 25) * DAY;
      if (rng.chance(0.3)) {
        const first = Math.round(owed * (0.3 + rng.next() * 0.4));
        steps.push({ kind: 'payment', on: at(payDay), amountFen: first, channel: channel() });
        steps.push({
          kind: 'payment',
          on: at(payDay + rng.int(1, 5) * DAY),
          amountFen: owed - first,
          channel: channel(),
        });
      } else {
        steps.push({ kind: 'payment', on: at(payDay), amountFen: owed, channel: channel() });
      }
      return this.judgmentRow(
        index,
        local,
        year,
        courtCode,
        causeCode,
        rng,
        effectiveDate,
        deadlineMs,
        obligorIndex,
        obligeeIndex,
        principalFen,
        interestFen,
        costsFen,
        outcome,
        steps,
      );
    }
    let t = deadlineMs + rng.int(5, 60) * DAY;
    steps.push({
      kind: 'fileEnforcement',
      on: at(t),
      enforcementNumber: `(${at(t).slice(0, 4)})浙${courtCode}执${local + 1}号`,
      needsService: rng.chance(0.3),
    });
    // Filing hands the case to the township's officer, who starts enforcement.
    t += rng.int(1, 10) * DAY;
    steps.push({ kind: 'changeState', on: at(t), to: 'IN_PROGRESS', reason: '立案后开始执行' });
    t += rng.int(5, 40) * DAY;
    switch (outcome) {
      case 'COMPLETED': {
        const listed = rng.chance(0.15);
        if (listed) {
          steps.push({ kind: 'listDishonest', on: at(t), ground: 'ABLE_BUT_REFUSES' });
          t += rng.int(10, 120) * DAY;
        }
        steps.push({ kind: 'payment', on: at(t), amountFen: owed, channel: channel() });
        break;
      }
      case 'INSTALMENTS':
      case 'SETTLED': {
        const n = outcome === 'INSTALMENTS' ? rng.int(3, 12) : rng.int(1, 2);
        const each = Math.floor(owed / n);
        // Due dates are not clamped to the data end: a plan agreed near it runs on into the future.
        const instalments = Array.from({ length: n }, (_, k) => ({
          dueDate: iso(t + (k + 1) * 30 * DAY),
          amountFen: k === n - 1 ? owed - each * (n - 1) : each,
        }));
        steps.push({
          kind: 'settlement',
          on: at(t),
          settlementKind: outcome === 'INSTALMENTS' ? 'INSTALMENT_PLAN' : 'SETTLEMENT',
          instalments,
        });
        // Instalments fall due over time; those not yet due at the data end stay unpaid.
        for (const inst of instalments) {
          if (Date.parse(inst.dueDate) >= END_MS) break;
          steps.push({ kind: 'payment', on: inst.dueDate, amountFen: inst.amountFen, channel: channel() });
        }
        break;
      }
      case 'TERMINATED_THIS_ROUND': {
        if (rng.chance(0.4))
          steps.push({
            kind: 'payment',
            on: at(t),
            amountFen: Math.round(owed * rng.next() * 0.3) + 1,
            channel: channel(),
          });
        if (rng.chance(0.5))
          steps.push({
            kind: 'listDishonest',
            on: at(t + 5 * DAY),
            ground: rng.pick([
              'ABLE_BUT_REFUSES',
              'EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS',
              'BREAKS_PROPERTY_REPORTING_DUTY',
            ] as const),
          });
        steps.push({
          kind: 'changeState',
          on: at(t + rng.int(30, 150) * DAY),
          to: 'TERMINATED_THIS_ROUND',
          reason: '经财产调查，未发现可供执行的财产',
        });
        break;
      }
      case 'EXITED':
        steps.push({
          kind: 'changeState',
          on: at(t),
          to: 'EXITED',
          reason: '被执行人年老体弱、丧失劳动能力，经权利人谅解退出执行程序',
        });
        break;
      case 'OPEN':
        if (rng.chance(0.35))
          steps.push({ kind: 'listDishonest', on: at(t + rng.int(10, 60) * DAY), ground: 'ABLE_BUT_REFUSES' });
        if (rng.chance(0.3))
          steps.push({
            kind: 'payment',
            on: at(t + rng.int(10, 90) * DAY),
            amountFen: Math.round(owed * rng.next() * 0.5) + 1,
            channel: channel(),
          });
        break;
    }
    steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    return this.judgmentRow(
      index,
      local,
      year,
      courtCode,
      causeCode,
      rng,
      effectiveDate,
      deadlineMs,
      obligorIndex,
      obligeeIndex,
      principalFen,
      interestFen,
      costsFen,
      outcome,
      steps,
    );
  }

  private judgmentRow(
    index: number,
    local: number,
    year: string,
    courtCode: string,
    causeCode: string,
    rng: Rng,
    effectiveDate: string,
    deadlineMs: number,
    obligorIndex: number,
    obligeeIndex: number,
    principalFen: number,
    interestFen: number,
    costsFen: number,
    outcome: Outcome,
    steps: Step[],
  ): JudgmentRow {
    return {
      key: uuidFrom(rng),
      index,
      caseNumber: `(${year})浙${courtCode}民初${local + 1}号`,
      court: this.scale === 'county' ? '长兴县人民法院' : `浙江省${courtCode}法院`,
      causeCode,
      judgeIndex: rng.int(0, 1),
      effectiveDate,
      performanceDeadline: iso(deadlineMs),
      obligorIndex,
      obligeeIndex,
      principalFen,
      interestFen,
      costsFen,
      outcome,
      steps,
    };
  }

  *judgments(from = 0, to = this.totalJudgments): Generator<JudgmentRow> {
    for (let i = from; i < to; i++) yield this.judgment(i);
  }
}
