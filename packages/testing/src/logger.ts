import { createLogger } from '@zhiyuan/config';

/** A logger for tests: quiet unless TEST_LOG_LEVEL asks otherwise. */
export const silentLogger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
