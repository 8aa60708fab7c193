import 'reflect-metadata';
import { CaseProjectionEntity } from './case-projection.entity';
import { CreditLinkChangeEntity, CreditLinkEntity } from './credit-link.entity';
import { CreditProfileEntity } from './credit-profile.entity';
import { DepartmentTaskEntity } from './department-task.entity';
import { DishonestListingEntity } from './dishonest-listing.entity';
import { DivisionEntity } from './division.entity';
import { DivisionCodeChangeEntity, DivisionRegionEntity } from './division-change.entity';
import { PartyEntity } from './party.entity';
import { PartySessionEntity, SignInAttemptEntity, SignInCodeEntity, SmsMessageEntity } from './sign-in.entity';
import { StaffEntity } from './staff.entity';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity';

export {
  CaseProjectionEntity,
  CreditLinkChangeEntity,
  CreditLinkEntity,
  CreditProfileEntity,
  DepartmentTaskEntity,
  DishonestListingEntity,
  DivisionCodeChangeEntity,
  DivisionEntity,
  DivisionRegionEntity,
  PartyEntity,
  PartySessionEntity,
  SignInAttemptEntity,
  SignInCodeEntity,
  SmsMessageEntity,
  StaffEntity,
  WebhookDeliveryEntity,
  WebhookEntity,
};
export const entities = [
  DivisionEntity,
  DivisionRegionEntity,
  DivisionCodeChangeEntity,
  PartyEntity,
  StaffEntity,
  CaseProjectionEntity,
  CreditProfileEntity,
  DishonestListingEntity,
  CreditLinkEntity,
  CreditLinkChangeEntity,
  DepartmentTaskEntity,
  SignInCodeEntity,
  SignInAttemptEntity,
  SmsMessageEntity,
  PartySessionEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
];

/** A row of the public exposure board: only the fields the law allows to publish. */
export interface ExposureBoardRow {
  listingId: string;
  name: string;
  gender: 'MALE' | 'FEMALE' | null;
  birthDate: string | null;
  /** Masked when the row is read (birth month and day hidden); the full number is never selected into a board row. */
  idNumberMasked: string;
  amountOwedFen: number | null;
  outstandingFen: number | null;
  ground: string;
  caseNumber: string | null;
  court: string | null;
  listedAt: Date;
}

/** A case as people-credit extends it: only the reference. */
export interface CaseRef {
  id: string;
}

/** The signed-in party's view, keyed by its party id. */
export interface MeRef {
  partyId: string;
}
