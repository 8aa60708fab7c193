export { createService, smsProviderFor, SERVICE_NAME, DB_SCHEMA, type TasksDeps } from './create-service';
export { loadTasksConfig, configSchema, type TasksConfig } from './config';
export { sendDueNotifications, type SenderOptions } from './notifications/sender';
export { sweepOverdueTasks } from './schedules/overdue';
export { remindInstalmentsDueSoon } from './schedules/instalment-reminders';
export { expireProposals } from './schedules/expire-proposals';
export { sweepAbandonedAttachments } from './schedules/abandoned-attachments';
export type { SmsProvider, SmsMessage } from '@zhiyuan/sms';
