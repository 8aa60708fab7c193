import { TEMPLATE_ENV } from '../database';
import { ensureTemplate } from '../template';
import { serviceTemplatePart, servicesUnderTest } from './services-under-test';

const RELEASE = Symbol.for('zhiyuan.test-template.release');

/**
 * Jest global setup (jest.config.base.js): makes sure the migrated template of the services under test
 * exists and hands its name to the test workers, whose createTestDatabase() then copies it instead of
 * migrating an empty database in every file. Without DATABASE_URL, or without services, it does nothing;
 * when the template cannot be built, the run fails under CI=true, and elsewhere each test database
 * migrates from empty (slower, with a notice).
 * TEST_DATABASE_TEMPLATE=off turns it off (to time or debug the migrations from empty).
 */
export default async function globalSetup(_global: unknown, project: { rootDir: string }): Promise<void> {
  const off = process.env[TEMPLATE_ENV] === 'off';
  delete process.env[TEMPLATE_ENV];
  const services = servicesUnderTest(project.rootDir);
  if (off || !services.length || !process.env.DATABASE_URL) return;
  try {
    const template = await ensureTemplate(services.map(serviceTemplatePart));
    process.env[TEMPLATE_ENV] = template.name;
    (globalThis as Record<symbol, unknown>)[RELEASE] = template.release;
  } catch (err) {
    // In CI no test file migrates from empty: a template that cannot be built fails the run here.
    if (process.env.CI === 'true') throw new Error(`no migrated template database: ${String(err)}`);
    process.stderr.write(
      `\n*** No migrated template database (${String(err)}): each test database migrates from empty ***\n\n`,
    );
  }
}

/** Jest global teardown: ends this run's claim on the template, so a later run may drop it once stale. */
export async function releaseTemplate(): Promise<void> {
  const release = (globalThis as Record<symbol, unknown>)[RELEASE] as (() => Promise<void>) | undefined;
  delete (globalThis as Record<symbol, unknown>)[RELEASE];
  await release?.();
}
