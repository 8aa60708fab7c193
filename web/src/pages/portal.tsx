/**
 * The party portal: the party's own cases from `me` (as obligor or as rights holder: one person may be
 * on either side of different cases), each opening the case page (timeline, payments, instalments, the
 * other side masked, the village team's contacts, the thread and coming forward).
 */
import { graphql } from '../generated';
import { useQuery } from '../api';
import { useSession } from '../auth';
import { useT } from '../i18n';
import { Link } from '../router';
import { yuan } from '../format';
import { ErrorNote, Loading } from '../ui';

const PortalQuery = graphql(`
  query PartyPortal {
    me {
      partyId
      party {
        id
        name
      }
      cases(first: 50) {
        nodes {
          id
          caseNumber
          state
          outstandingFen
          unreadMessageCount
          partyView {
            mySides
          }
        }
      }
    }
  }
`);

export default function PortalPage() {
  const { t, te } = useT();
  const session = useSession();
  const partyId = session?.partyId;
  const q = useQuery(PortalQuery, {}, { skip: !partyId, pollMs: 30_000 });
  const me = q.data?.me;
  return (
    <article>
      <h1>
        {t('portal.title')}
        {me ? ` · ${me.party.name}` : ''}
      </h1>
      {!partyId && <p>{t('portal.noParty')}</p>}
      <ErrorNote error={q.error} />
      <Loading when={q.loading && !me} />
      <ul className="plain cards">
        {me?.cases.nodes.map((c) => (
          <li key={c.id} className="card" data-case={c.id}>
            <Link to={`/case/${c.id}`}>{c.caseNumber}</Link> · {te(c.state)} · {t('case.outstanding')}{' '}
            {yuan(c.outstandingFen)}
            {c.partyView?.mySides.map((side) => (
              <span key={side} className="muted small">
                {' '}
                · {t(side === 'OBLIGOR' ? 'portal.asObligor' : 'portal.asObligee')}
              </span>
            ))}
            {c.unreadMessageCount > 0 && <span className="badge">{c.unreadMessageCount}</span>}
          </li>
        ))}
      </ul>
    </article>
  );
}
