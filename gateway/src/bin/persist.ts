import { writeFileSync } from 'node:fs';
import { DEFAULT_SAFELIST_PATH, buildSafelist } from '../persisted-operations';

/** `npm run persist -w @zhiyuan/gateway`: writes the safelist of the frontend's operations. */
writeFileSync(DEFAULT_SAFELIST_PATH, `${JSON.stringify(buildSafelist(), null, 2)}\n`);
process.stdout.write(`wrote ${DEFAULT_SAFELIST_PATH}\n`);
