/**
 * Writes public/divisions.json, the county's township and village directory the public exposure board
 * offers in its pickers (an anonymous visitor may read the board but not the division tree). Run it
 * against a gateway in development when the county's divisions change:
 * `GATEWAY_URL=http://127.0.0.1:4000 npm run export:divisions -w @zhiyuan/web`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface DivisionDirectory {
  code: string;
  name: string;
  townships: { code: string; name: string; villages: { code: string; name: string }[] }[];
}

export async function exportDivisions(gatewayUrl: string, countyCode = '330522'): Promise<DivisionDirectory> {
  const origin = new URL(gatewayUrl).origin;
  const tokens = (await (await fetch(`${origin}/console/dev-tokens`)).json()) as Record<string, string>;
  const res = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
    body: JSON.stringify({
      query: `query($c: ID!) { division(code: $c) { code name children { code name children { code name } } } }`,
      variables: { c: countyCode },
    }),
  });
  const body = (await res.json()) as { data?: { division: any }; errors?: { message: string }[] };
  if (!body.data?.division) throw new Error(body.errors?.[0]?.message ?? `no division ${countyCode}`);
  const d = body.data.division;
  return {
    code: d.code,
    name: d.name,
    townships: d.children.map((t: any) => ({ code: t.code, name: t.name, villages: t.children })),
  };
}

if (require.main === module) {
  void exportDivisions(process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000').then((dir) => {
    writeFileSync(path.join(__dirname, '../public/divisions.json'), JSON.stringify(dir) + '\n');
    process.stdout.write(`${dir.townships.length} townships written\n`);
  });
}
