import { InProcessEventBus, type EventBus } from '@zhiyuan/events';
import { createTestDatabase, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import type { Service } from '@zhiyuan/server';
import { createService, loadMetricsConfig } from '../../src';

export interface TestMetrics {
  db: TestDatabase;
  bus: EventBus;
  service: Service;
  statements: string[];
  stop(): Promise<void>;
}

/** A metrics service on a fresh database and an in-process bus; statements are recorded for counting. */
export async function startMetrics(
  env: Record<string, string> = {},
  bus: EventBus = new InProcessEventBus(silentLogger),
): Promise<TestMetrics> {
  const db = await createTestDatabase();
  const statements: string[] = [];
  const service = createService(
    loadMetricsConfig({ DATABASE_URL: db.url, PORT: '0', METRICS_WARNING_INTERVAL_MS: '0', ...env }),
    {
      bus,
      logger: silentLogger,
      onQuery: (sql) => statements.push(sql),
    },
  );
  await service.start();
  return {
    db,
    bus,
    service,
    statements,
    stop: async () => {
      await service.stop();
      await db.drop();
    },
  };
}
