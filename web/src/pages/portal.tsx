/**
 * The party portal: a party's own cases with their timeline, payments and thread, through the same
 * graph (a party token names its party). Coming forward online waits for its operation in the graph.
 */
import { graphql } from '../generated';
import { useQuery } from '../api';
import { useSession } from '../auth';
import { useT } from '../i18n';
import { Link } from '../router';
import { yuan } from '../format';
import { ErrorNote, Loading } from '../ui';

const PortalQuery = graphql(`
  query PartyPortal($id: ID!) {
    party(id: $id) {
      id
      name
      cases(first: 20) {
        nodes {
          id
          caseNumber
          state
          outstandingFen
          unreadMessageCount
        }
      }
    }
  }
`);

export default function PortalPage() {
  const { t, te } = useT();
  const session = useSession();
  const partyId = session?.partyId;
  const q = useQuery(PortalQuery, { id: partyId ?? '' }, { skip: !partyId, pollMs: 30_000 });
  const p = q.data?.party;
  return (
    <article>
      <h1>
        {t('portal.title')}
        {p ? ` · ${p.name}` : ''}
      </h1>
      {!partyId && <p>{t('portal.noParty')}</p>}
      <ErrorNote error={q.error} />
      <Loading when={q.loading && !p} />
      <ul className="plain cards">
        {p?.cases.nodes.map((c) => (
          <li key={c.id} className="card">
            <Link to={`/case/${c.id}`}>{c.caseNumber}</Link> · {te(c.state)} · {t('case.outstanding')}{' '}
            {yuan(c.outstandingFen)}
            {c.unreadMessageCount > 0 && <span className="badge">{c.unreadMessageCount}</span>}
          </li>
        ))}
      </ul>
      <p className="notice">{t('portal.comingForward')}</p>
    </article>
  );
}
