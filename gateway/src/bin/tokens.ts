import { DEV_JWT_SECRET, loadGatewayConfig } from '../config';
import { DEMO_ROLES, issueToken } from '../dev-tokens';

/** `npm run tokens -w @zhiyuan/gateway [role] [--party=<id>]`: development tokens of the demo roles. */
async function main(): Promise<void> {
  const config = loadGatewayConfig();
  if (config.NODE_ENV === 'production') {
    process.stderr.write('development tokens are not issued in production\n');
    process.exit(1);
  }
  const only = process.argv[2]?.startsWith('--') ? undefined : process.argv[2];
  const partyId = process.argv.find((a) => a.startsWith('--party='))?.slice('--party='.length);
  for (const [name, claims] of Object.entries(DEMO_ROLES)) {
    if (only && only !== name) continue;
    const token = await issueToken(name === 'party' && partyId ? { ...claims, partyId } : claims, {
      secret: config.JWT_SECRET ?? DEV_JWT_SECRET,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    });
    process.stdout.write(only ? `${token}\n` : `${name.padEnd(11)} ${token}\n`);
  }
}

void main();
