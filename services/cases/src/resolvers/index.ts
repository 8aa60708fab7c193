import { JSONScalar, SCALARS } from '@zhiyuan/kernel';
import type { Resolvers } from '../generated/resolvers-types';
import { AssetLead } from './AssetLead';
import { Attachment } from './Attachment';
import { Case } from './Case';
import { CaseTimelineEntry } from './CaseTimelineEntry';
import { Division } from './Division';
import { Me } from './Me';
import { Mutation } from './Mutation';
import { Party } from './Party';
import { Query } from './Query';
import { Subscription } from './Subscription';
import { Settlement } from './Settlement';
import { Staff } from './Staff';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Subscription,
  Case,
  AssetLead,
  CaseTimelineEntry,
  Settlement,
  Attachment,
  Party,
  Staff,
  Division,
  Me,
  ...SCALARS,
  JSON: JSONScalar,
};
