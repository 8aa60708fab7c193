import { fields, loadConfig, serviceConfigShape, z } from '@zhiyuan/config';
import { attachmentLimitsShape, attachmentStorageShape, attachmentSweepShape } from '@zhiyuan/storage';

export const configSchema = z.object({
  ...serviceConfigShape,
  /** HTTP port of this subgraph (internal only; clients go through the gateway). */
  PORT: fields.port(4001),
  /** Routing, meeting payments and proposal steps of events that arrive together are applied in one transaction. */
  EVENT_BATCH_SIZE: fields.positiveInt(64),
  /** Pre-enforcement urging when a judgment is taken in: AUTO starts it at once, MANUAL waits for the judge, OFF never urges. */
  CASES_URGING_MODE: z.enum(['AUTO', 'MANUAL', 'OFF']).default('AUTO'),
  /** Days the obligor has to perform once urging starts. */
  CASES_URGING_DAYS: fields.positiveInt(15),
  /** Months between re-searches of a case terminated for this round (终本). */
  CASES_RESEARCH_MONTHS: fields.positiveInt(6),
  /** How often the sweep runs (lapsed urgings, missed instalments), in milliseconds. */
  CASES_SWEEP_INTERVAL_MS: fields.positiveInt(60_000),
  /** Rows per transaction in the bulk judgment import. */
  CASES_IMPORT_BATCH_SIZE: fields.positiveInt(1_000),
  /** Import batches written at the same time by the import command (each its own connection). */
  CASES_IMPORT_CONCURRENCY: fields.positiveInt(2),
  /** Most judgments accepted by one importJudgments mutation (bigger loads go through the import command). */
  CASES_IMPORT_MUTATION_MAX: fields.positiveInt(500),
  /** ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES and the link lives of settlement attachments (docs/attachments.md). */
  ...attachmentLimitsShape,
  /** ATTACHMENT_SWEEP_INTERVAL_MS and ATTACHMENT_ABANDON_GRACE_SECONDS: the sweep of abandoned uploads. */
  ...attachmentSweepShape,
  /** The gateway's attachment storage (ATTACHMENT_STORAGE, ATTACHMENT_DIR, S3_*), which the sweep deletes stray objects from. */
  ...attachmentStorageShape,
});

export type CasesConfig = z.infer<typeof configSchema>;

export function loadCasesConfig(env: Record<string, string | undefined> = process.env): Readonly<CasesConfig> {
  return loadConfig(configSchema, env);
}

/** The rules the domain code needs, taken from the configuration. */
export interface CaseSettings {
  urgingMode: 'AUTO' | 'MANUAL' | 'OFF';
  urgingDays: number;
  researchMonths: number;
  importBatchSize: number;
  importConcurrency: number;
  importMutationMax: number;
  /** Settlement attachments: limits, link lives and the ticket secret (INTERNAL_AUTH_SECRET; docs/attachments.md). */
  attachments: {
    maxBytes: number;
    types: readonly string[];
    uploadTtlSeconds: number;
    downloadTtlSeconds: number;
    secret: string;
  };
}

export function settingsFrom(config: CasesConfig): CaseSettings {
  return {
    urgingMode: config.CASES_URGING_MODE,
    urgingDays: config.CASES_URGING_DAYS,
    researchMonths: config.CASES_RESEARCH_MONTHS,
    importBatchSize: config.CASES_IMPORT_BATCH_SIZE,
    importConcurrency: config.CASES_IMPORT_CONCURRENCY,
    importMutationMax: config.CASES_IMPORT_MUTATION_MAX,
    attachments: {
      maxBytes: config.ATTACHMENT_MAX_BYTES,
      types: config.ATTACHMENT_TYPES,
      uploadTtlSeconds: config.ATTACHMENT_UPLOAD_TTL_SECONDS,
      downloadTtlSeconds: config.ATTACHMENT_DOWNLOAD_TTL_SECONDS,
      secret: config.INTERNAL_AUTH_SECRET,
    },
  };
}
