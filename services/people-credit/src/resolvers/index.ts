import { SCALARS } from '@zhiyuan/kernel';
import type { Resolvers } from '../generated/resolvers-types';
import { Case, PartyCaseView } from './Case';
import { CreditLink, CreditLinkChange } from './CreditLink';
import { CreditProfile } from './CreditProfile';
import { DishonestListing } from './DishonestListing';
import { Division } from './Division';
import { Me } from './Me';
import { ExposureBoardEntry } from './ExposureBoardEntry';
import { Mutation } from './Mutation';
import { Party } from './Party';
import { Query } from './Query';
import { Subscription } from './Subscription';
import { Staff } from './Staff';
import { Webhook, WebhookDelivery } from './Webhook';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Subscription,
  Division,
  Me,
  Party,
  Staff,
  CreditProfile,
  DishonestListing,
  Case,
  PartyCaseView,
  CreditLink,
  CreditLinkChange,
  ExposureBoardEntry,
  Webhook,
  WebhookDelivery,
  ...SCALARS,
};
