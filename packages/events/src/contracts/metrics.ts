import { z } from 'zod';
import { defineEvent, divisionCode, isoDateTime, uuid } from './define';

/** Events produced by the metrics subgraph (stream METRICS, subjects `metrics.>`). */

export const rulesActivated = defineEvent({
  type: 'metrics.rules.activated',
  version: 1,
  description: 'A performance rule set was activated; judge scores were recomputed from the facts.',
  payload: z.object({
    ruleSetId: uuid(),
    version: z.number().int().positive(),
    activatedBy: z.string(),
    reason: z.string(),
    activatedAt: isoDateTime(),
  }),
});

export const warningRaised = defineEvent({
  type: 'metrics.warning.raised',
  version: 1,
  description: 'An early warning was raised for a division.',
  payload: z.object({
    warningId: uuid(),
    ruleId: uuid(),
    metric: z.string(),
    divisionCode: divisionCode(),
    value: z.number(),
    threshold: z.number(),
    raisedAt: isoDateTime(),
  }),
});

export const warningResolved = defineEvent({
  type: 'metrics.warning.resolved',
  version: 1,
  description: 'An early warning cleared.',
  payload: z.object({
    warningId: uuid(),
    ruleId: uuid(),
    divisionCode: divisionCode(),
    value: z.number(),
    resolvedAt: isoDateTime(),
  }),
});

export const figuresUpdated = defineEvent({
  type: 'metrics.figures.updated',
  version: 1,
  description:
    "Metrics committed a change to its read models (an event was projected): the cockpit figures of these divisions changed. The gateway's response cache drops cockpit and dashboard answers on it.",
  payload: z.object({ divisionCodes: z.array(z.string()), sourceEventId: uuid(), updatedAt: isoDateTime() }),
});

export const metricsContracts = [rulesActivated, warningRaised, warningResolved, figuresUpdated] as const;
