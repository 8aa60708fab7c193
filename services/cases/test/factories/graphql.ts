/** Operations used across the tests. */
export const CASE_FIELDS = `id caseNumber enforcementNumber state outcome amountOwedFen paidFen outstandingFen urged
  judge { id } enforcementOfficer { id } village { code } township { code } obligors { id } primaryObligor { id }
  urging { deadline endReason } closedAt daysOpen nextResearchDue`;

export const TAKE_IN = `mutation($input: JudgmentInput!) { takeInJudgment(input: $input) { ${CASE_FIELDS} } }`;
export const FILE = `mutation($input: FileEnforcementInput!) { fileEnforcement(input: $input) { ${CASE_FIELDS} } }`;
export const PAY = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { performance { id amountFen source outstandingAfterFen } case { ${CASE_FIELDS} } } }`;
export const CHANGE = `mutation($caseId: ID!, $to: CaseState!, $reason: String!) { changeCaseState(caseId: $caseId, to: $to, reason: $reason) { ${CASE_FIELDS} } }`;
export const SETTLE = `mutation($input: AgreeSettlementInput!) { agreeSettlement(input: $input) { ${CASE_FIELDS} settlements { status totalFen paidFen instalments { no dueDate amountFen paidFen status } } } }`;
export const GET = `query($id: ID!) { case(id: $id) { ${CASE_FIELDS} timeline { kind actor summary } performances { amountFen source } } }`;
