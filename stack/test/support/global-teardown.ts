import { releaseTemplate } from '@zhiyuan/testing/jest';
import { stopSharedStack } from './shared-stack';

/** Stops the shared stack, then ends the run's claim on the template database. */
export default async function globalTeardown(): Promise<void> {
  await stopSharedStack();
  await releaseTemplate();
}
