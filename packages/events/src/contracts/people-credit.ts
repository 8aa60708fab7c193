import { z } from 'zod';
import { defineEvent, divisionCode, earlierVersion, isoDate, isoDateTime, uuid } from './define';

/** Events produced by the people-credit subgraph (stream PEOPLE_CREDIT, subjects `people.>` and `credit.>`). */

export const PARTNER_DEPARTMENTS = ['PARTY_MEMBERSHIP', 'ENLISTMENT', 'BANK_LOAN', 'CIVILIZED_HOUSEHOLD'] as const;
export const partnerDepartment = z.enum(PARTNER_DEPARTMENTS);
export const CREDIT_CLASSIFICATIONS = ['COMPLIANT', 'HONEST_IN_DIFFICULTY', 'UNABLE', 'EVASIVE'] as const;

const partyFields = {
  partyId: uuid(),
  kind: z.enum(['PERSON', 'ORGANIZATION']),
  name: z.string(),
  /** Masked on the producer side; the full number never travels on the bus. */
  idNumberMasked: z.string(),
  /** Needed by tasks to send SMS notices; null when unknown. */
  phone: z.string().nullable(),
  birthDate: isoDate().nullable(),
  homeDivisionCode: divisionCode(),
  villageCode: divisionCode().nullable(),
  townshipCode: divisionCode().nullable(),
  /** Names of the home village and township, for texts that name them (absent in older messages). */
  villageName: z.string().nullish(),
  townshipName: z.string().nullish(),
};

export const partyRegistered = defineEvent({
  type: 'people.party.registered',
  version: 1,
  description: 'A person or organization was registered with its home (registered) division.',
  payload: z.object(partyFields),
});

export const partyUpdated = defineEvent({
  type: 'people.party.updated',
  version: 1,
  description: 'A party changed; a new home division re-routes its open matters.',
  payload: z.object({
    ...partyFields,
    previousHomeDivisionCode: divisionCode().nullable(),
    changed: z.array(z.string()),
  }),
});

const staffFields = {
  staffId: uuid(),
  name: z.string(),
  roles: z.array(z.string()),
  /** Township for an enforcement officer or liaison, village for a cadre, county for county users. */
  divisionCode: divisionCode().nullable(),
  /** Needed by tasks to send SMS notices to the village team; null when unknown. */
  phone: z.string().nullable(),
  department: partnerDepartment.nullable(),
  active: z.boolean(),
};

export const staffRegistered = defineEvent({
  type: 'people.staff.registered',
  version: 1,
  description: 'A staff account (judge, officer, liaison, cadre, department contact, partner, admin) was created.',
  payload: z.object(staffFields),
});

export const staffUpdated = defineEvent({
  type: 'people.staff.updated',
  version: 1,
  description:
    'A staff account changed (roles, division, phone, deactivation); cases re-reads the fixed officer of a township from it.',
  payload: z.object(staffFields),
});

export const profileClassified = defineEvent({
  type: 'credit.profile.classified',
  version: 1,
  description: 'The credit and capacity profile of an obligor was (re)classified, automatically or by override.',
  payload: z.object({
    partyId: uuid(),
    profileId: uuid(),
    classification: z.enum(CREDIT_CLASSIFICATIONS),
    reasonCodes: z.array(z.string()),
    graceUntil: isoDate().nullable(),
    overridden: z.boolean(),
    classifiedAt: isoDateTime(),
  }),
});

const listingFields = {
  listingId: uuid(),
  partyId: uuid(),
  caseId: uuid(),
  villageCode: divisionCode().nullable(),
  townshipCode: divisionCode().nullable(),
  listedAt: isoDateTime(),
};

export const listingAdded = defineEvent({
  type: 'credit.listing.added',
  version: 1,
  description: 'An obligor was put on the dishonest-debtor list (always with consumption restriction).',
  payload: z.object({
    ...listingFields,
    ground: z.string(),
    expiresAt: isoDateTime().nullable(),
    measures: z.array(z.string()),
  }),
});

export const listingRemoved = defineEvent({
  type: 'credit.listing.removed',
  version: 1,
  description: 'A listing was removed, with the ground of its removal.',
  payload: z.object({ ...listingFields, removalGround: z.string(), removedAt: isoDateTime() }),
});

const linkChangeFields = {
  changeId: uuid(),
  partyId: uuid(),
  department: partnerDepartment,
  status: z.enum(['RESTRICTED', 'CLEAR']),
  /** Masked on the producer side: a partner holds the full number already and learns nothing more. */
  idNumberMasked: z.string(),
  listingIds: z.array(uuid()),
  reason: z.string(),
  changedAt: isoDateTime(),
};

const linkChangePayload = z.object(linkChangeFields);

/** Version 1 also carried the party's full name, which a partner department must not receive. */
const linkChangeV1Payload = z.object({ ...linkChangeFields, name: z.string() });

export const linkChanged = defineEvent({
  type: 'credit.link.changed',
  version: 2,
  description:
    'The restriction status of a party for one partner department changed; published on credit.link.changed.<department>. ' +
    'A partner receives the masked ID number, never a name (version 2 dropped `name`).',
  payload: linkChangePayload,
  subject: (p) => `credit.link.changed.${p.department}`,
  accepts: [
    earlierVersion<typeof linkChangeV1Payload, typeof linkChangePayload>({
      version: 1,
      payload: linkChangeV1Payload,
      upgrade: ({ name: _name, ...rest }) => rest,
      note: 'accepted, and its `name` is dropped before any handler sees the event',
    }),
  ],
});

export const partnerAcknowledged = defineEvent({
  type: 'credit.partner.acknowledged',
  version: 1,
  description: 'A partner department acknowledged a credit-link change.',
  payload: z.object({
    changeId: uuid(),
    department: partnerDepartment,
    partyId: uuid(),
    acknowledgedAt: isoDateTime(),
    acknowledgedBy: z.string(),
  }),
});

export const partnerOverdue = defineEvent({
  type: 'credit.partner.overdue',
  version: 1,
  description: 'A partner department left credit-link changes unacknowledged for more than 3 working days.',
  payload: z.object({
    department: partnerDepartment,
    changeIds: z.array(uuid()).min(1),
    oldestChangedAt: isoDateTime(),
    count: z.number().int().positive(),
  }),
});

export const peopleCreditContracts = [
  partyRegistered,
  partyUpdated,
  staffRegistered,
  staffUpdated,
  profileClassified,
  listingAdded,
  listingRemoved,
  linkChanged,
  partnerAcknowledged,
  partnerOverdue,
] as const;
