import type { Logger } from '@zhiyuan/config';
import { DEMO_ROLES, issueToken } from '@zhiyuan/gateway';
import { DEMO_PARTY } from '@zhiyuan/people-credit';
import { residentIdNumber } from '@zhiyuan/testing';
import { gql } from './client';

/**
 * Demo cases on first start, made through the gateway with the product's own mutations (so every
 * read model is built the way production builds it): parties in 港口村, 白水村 and 方家庄村, judgments
 * under urging, two performed after urging, enforcement cases, a partial payment and one dishonest
 * listing on the exposure board. Does nothing when the demo cases exist.
 */
export async function loadDemoCases(
  gatewayUrl: string,
  jwt: { secret: string; issuer: string; audience: string },
  log: Logger,
): Promise<void> {
  const headers = { authorization: `Bearer ${await issueToken(DEMO_ROLES.admin!, jwt)}` };
  const call = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await gql(gatewayUrl, query, variables, headers);
    if (r.errors?.length) throw new Error(`${r.errors[0]!.message} (${String(r.errors[0]!.extensions?.code)})`);
    return r.data;
  };
  const retry = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    for (let i = 0; ; i++) {
      try {
        return await fn();
      } catch (err) {
        if (i >= 100) throw new Error(`${what}: ${String(err)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const number = (n: number) => `(2024)浙0522民初${8000 + n}号`;
  if ((await call(`query($n: String!) { caseByNumber(caseNumber: $n) { id } }`, { n: number(1) })).caseByNumber) return;

  const villages = ['330522104201', '330522104202', '330522106201'];
  const names = [
    DEMO_PARTY.name,
    '林秀英',
    '黄志强',
    '周丽华',
    '吴伟',
    '郑海燕',
    '孙立新',
    '朱玉兰',
    '胡国平',
    '高素珍',
    '何建军',
    '罗美玲',
  ];
  const parties: string[] = [];
  for (const [i, name] of names.entries()) {
    // The first is the seeded demo party (people-credit's DEMO_PARTY), whom the development `party` token signs in as.
    const idNumber =
      i === 0 ? DEMO_PARTY.idNumber : residentIdNumber(`19${60 + i * 3}0${(i % 9) + 1}1${i % 10}`, 300 + i);
    const r = await call(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
      i: { name, idNumber, phone: `1390000${String(1000 + i)}`, homeDivisionCode: villages[i % villages.length] },
    });
    parties.push(r.registerPerson.id);
  }
  const { causesOfAction } = await call(`{ causesOfAction { code } }`);
  const { staffMembers } = await call(`{ staffMembers(role: "JUDGE", first: 2) { nodes { id } } }`);
  const today = new Date().toISOString().slice(0, 10);
  const cases: string[] = [];
  for (let n = 1; n <= 8; n++) {
    const obligor = parties[(n - 1) % parties.length]!;
    const obligee = parties[(n + 5) % parties.length]!;
    const r = await retry('take in a demo judgment', () =>
      call(`mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id village { code } } }`, {
        i: {
          caseNumber: number(n),
          court: '长兴县人民法院',
          causeCode: causesOfAction[n % causesOfAction.length].code,
          judgeId: staffMembers.nodes[n % staffMembers.nodes.length].id,
          effectiveDate: today,
          obligorIds: [obligor],
          obligeeIds: [obligee],
          principalFen: 500_000 * n,
          interestFen: 12_000 * n,
          costsFen: 3_500,
        },
      }).then((d) => {
        if (!d.takeInJudgment.village) throw new Error('not routed yet');
        return d;
      }),
    ).catch(() => null);
    if (r) cases.push(r.takeInJudgment.id);
  }
  const owed = async (id: string) =>
    (await call(`query($id: ID!) { case(id: $id) { outstandingFen } }`, { id })).case.outstandingFen as number;
  const pay = async (id: string, amountFen: number) =>
    call(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { case { state } } }`, {
      i: { caseId: id, amountFen, paidOn: today, channel: 'BANK_TRANSFER' },
    });
  // Two obligors perform in full during urging; three cases go to enforcement, one with a partial payment.
  for (const id of cases.slice(0, 2)) await pay(id, await owed(id));
  for (const [i, id] of cases.slice(2, 5).entries()) {
    await call(`mutation($i: FileEnforcementInput!) { fileEnforcement(input: $i) { id } }`, {
      i: { caseId: id, enforcementNumber: `(2024)浙0522执${8100 + i}号`, needsService: i === 0 },
    });
  }
  if (cases[3]) await pay(cases[3], Math.floor((await owed(cases[3])) / 3));
  if (cases[4]) {
    const c = (await call(`query($id: ID!) { case(id: $id) { obligors { id } } }`, { id: cases[4] })).case;
    await retry('list a demo obligor', () =>
      call(`mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`, {
        i: { partyId: c.obligors[0].id, caseId: cases[4], ground: 'ABLE_BUT_REFUSES' },
      }),
    );
  }
  log.info({ parties: parties.length, cases: cases.length }, 'demo cases loaded');
}
