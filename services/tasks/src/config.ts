import { fields, loadConfig, serviceConfigShape, z } from '@zhiyuan/config';
import { smsConfigShape, smsHttpUrlRequired } from '@zhiyuan/sms';
import { TASK_TYPES } from '@zhiyuan/events';
import { attachmentLimitsShape, attachmentStorageShape, attachmentSweepShape } from '@zhiyuan/storage';
import { CASE_STEP_NOTICES, parseNoticesOff, type NoticeOff } from './domain/notices';
import { parseCountyAssignees, type CountyAssignees } from './domain/escalation';
import type { SlaDays } from './domain/task-rules';

/** `TYPE=DEPARTMENT` entries (`*` for the rest), comma-separated; a type that is none is refused at start. */
const countyAssignees = z
  .string()
  .default('*=COURT_ENFORCEMENT')
  .transform((text, ctx): CountyAssignees => {
    const parsed = parseCountyAssignees(text, TASK_TYPES);
    if (parsed.ok) return parsed.assignees;
    ctx.addIssue({
      code: 'custom',
      message: `"${parsed.entry}" is not TYPE=DEPARTMENT with TYPE one of ${TASK_TYPES.join(', ')} or *`,
    });
    return z.NEVER;
  });

/** `NOTICE` or `court:NOTICE` entries, comma-separated; a name that is no notice is refused at start. */
const noticesOff = z
  .string()
  .default('')
  .transform((text, ctx): NoticeOff[] => {
    const parsed = parseNoticesOff(text);
    if (parsed.ok) return parsed.off;
    ctx.addIssue({
      code: 'custom',
      message: `"${parsed.entry}" names no notice (one of ${CASE_STEP_NOTICES.join(', ')}, optionally as court:NOTICE)`,
    });
    return z.NEVER;
  });

/** `TYPE=days` entries, comma-separated: the days an automatic task of that type is given (the rule table's otherwise). */
const slaDays = z
  .string()
  .default('')
  .transform((text, ctx): SlaDays => {
    const sla: Record<string, number> = {};
    for (const raw of text.split(',')) {
      const entry = raw.trim();
      if (!entry) continue;
      const m = /^([A-Z_]+)=(\d{1,3})$/.exec(entry);
      if (!m || !(TASK_TYPES as readonly string[]).includes(m[1]!) || Number(m[2]) < 1) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not TYPE=days with a task type and 1 to 999 days` });
        return z.NEVER;
      }
      sla[m[1]!] = Number(m[2]);
    }
    return sla;
  });

export const configSchema = z
  .object({
    ...serviceConfigShape,
    /** HTTP port of this subgraph (internal only; clients go through the gateway). */
    PORT: fields.port(4003),
    /** Tasks, notifications and directory entries of events that arrive together are written in one transaction. */
    EVENT_BATCH_SIZE: fields.positiveInt(64),
    /** SMS_PROVIDER, SMS_HTTP_URL, SMS_HTTP_TOKEN, SMS_HTTP_TIMEOUT_MS (@zhiyuan/sms). */
    ...smsConfigShape,
    /** How often the sender looks for queued SMS. */
    SMS_SEND_INTERVAL_MS: fields.positiveInt(2_000),
    /** Attempts before an SMS is marked FAILED. */
    SMS_MAX_ATTEMPTS: fields.positiveInt(5),
    /** First retry delay of a failed SMS; doubles per attempt, capped at an hour. */
    SMS_RETRY_BASE_MS: fields.positiveInt(30_000),
    /** SMS sent per sender run at most. */
    SMS_BATCH_SIZE: fields.positiveInt(100),
    /** How often overdue tasks are looked for. */
    TASK_SWEEP_INTERVAL_MS: fields.positiveInt(60_000),
    /** Hours a task may stay overdue at the township before it escalates to the county. */
    TASK_ESCALATE_TO_COUNTY_AFTER_HOURS: fields.positiveInt(72),
    /** Days an automatic task of a type is given (`TYPE=days`, comma-separated); the rule table's where not named. */
    TASK_SLA_DAYS: slaDays,
    /** The county department that takes a task escalated to the county, per task type (`*` for the rest). */
    TASK_COUNTY_ASSIGNEES: countyAssignees,
    /** Run the SMS sender and the overdue sweep in this process (tests drive them by hand). */
    TASK_SCHEDULERS_ENABLED: fields.boolean(true),
    /** Case-step SMS a court does not send: `NOTICE` (every court) or `court:NOTICE` entries, comma-separated; blank sends all. */
    NOTICES_OFF: noticesOff,
    /** Working days (court calendar) an obligor's proposal waits for the rights holder's or the court's answer before it lapses. */
    PROPOSAL_EXPIRY_WORKING_DAYS: fields.positiveInt(10),
    /** ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES and the upload and download link lives (@zhiyuan/storage, docs/attachments.md). */
    ...attachmentLimitsShape,
    /** ATTACHMENT_SWEEP_INTERVAL_MS and ATTACHMENT_ABANDON_GRACE_SECONDS: the sweep of abandoned uploads. */
    ...attachmentSweepShape,
    /** The gateway's attachment storage (ATTACHMENT_STORAGE, ATTACHMENT_DIR, S3_*), which the sweep deletes stray objects from. */
    ...attachmentStorageShape,
  })
  .refine(...smsHttpUrlRequired);

export type TasksConfig = z.infer<typeof configSchema>;

export function loadTasksConfig(env: Record<string, string | undefined> = process.env): Readonly<TasksConfig> {
  return loadConfig(configSchema, env);
}
