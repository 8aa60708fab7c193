import path from 'node:path';
import { templateSetup } from '@zhiyuan/testing/jest';
import { startSharedStack } from './shared-stack';

/** What this setup reads of Jest's global configuration: the test path patterns given on the command line. */
interface RunConfig {
  testPathPatterns?: { isSet(): boolean; toExecutor(o: { rootDir: string }): { isMatch(path: string): boolean } };
}

/**
 * The stack's Jest global setup: the migrated template database of every run, then the one shared
 * stack of the e2e files that declare `shared: true` (support/shared-stack.ts), when the run includes one.
 */
export default async function globalSetup(globalConfig: RunConfig, project: { rootDir: string }): Promise<void> {
  await templateSetup(globalConfig, project);
  const patterns = globalConfig.testPathPatterns;
  const executor = patterns?.isSet() ? patterns.toExecutor({ rootDir: project.rootDir }) : undefined;
  await startSharedStack((file) => !executor || executor.isMatch(file), path.join(project.rootDir, 'test'));
}
