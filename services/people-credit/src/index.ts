export { createService, SERVICE_NAME, DB_SCHEMA } from './create-service';
export { loadPeopleCreditConfig, configSchema, type PeopleCreditConfig } from './config';
export {
  expireListings,
  reportOverduePartnerChanges,
  acknowledgeDeliveredChanges,
  partnerDurable,
  partnerSubject,
  type JetStreamReader,
} from './schedules';
export {
  parseResidentId,
  checkCreditCode,
  residentIdCheckDigit,
  creditCodeCheckCharacter,
} from './domain/identity-numbers';
export { DEMO_PARTY } from './seed';
export type { PeopleCreditDeps } from './create-service';
