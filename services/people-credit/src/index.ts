export { createService, SERVICE_NAME, DB_SCHEMA } from './create-service';
export { loadPeopleCreditConfig, configSchema, type PeopleCreditConfig } from './config';
export { expireListings, reportOverduePartnerChanges } from './model/sweeps';
export { acknowledgeDeliveredChanges, partnerDurable, partnerSubject, type JetStreamReader } from './model/partner-acks';
export { parseResidentId, checkCreditCode, residentIdCheckDigit, creditCodeCheckCharacter } from './domain/identity-numbers';
