/**
 * The public exposure board (失信曝光台): anyone, no sign-in. A visitor picks a township and village
 * from the county's published directory (public/divisions.json); the entries are masked by the server
 * and carry no address or phone. Printable: a village posts the page on its notice board.
 */
import { useEffect, useState } from 'react';
import { graphql } from '../generated';
import { useQuery } from '../api';
import { useT } from '../i18n';
import { navigate, useLocation } from '../router';
import { day, yuan } from '../format';
import { ErrorNote, Loading } from '../ui';
import { DownloadButtons } from '../downloads';

const BoardQuery = graphql(`
  query ExposureBoardPage($divisionCode: ID!, $first: Int, $after: String) {
    exposureBoard(divisionCode: $divisionCode, first: $first, after: $after) {
      divisionCode
      divisionName
      level
      nodes {
        listingId
        name
        gender
        age
        idNumberMasked
        amountOwedFen
        outstandingFen
        conduct
        caseNumber
        court
        listedDate
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

interface Directory {
  code: string;
  name: string;
  townships: { code: string; name: string; villages: { code: string; name: string }[] }[];
}

const PAGE_SIZE = 10;

export function BoardPage() {
  const { t, te } = useT();
  const { query } = useLocation();
  const [directory, setDirectory] = useState<Directory>();
  useEffect(() => {
    void fetch('/divisions.json')
      .then((r) => (r.ok ? (r.json() as Promise<Directory>) : undefined))
      .then(setDirectory, () => undefined);
  }, []);
  const county = directory?.code ?? '330522';
  const code = query.get('division') ?? county;
  const township = code.length >= 9 ? code.slice(0, 9) : '';
  // Cursors of the pages before this one, so "previous" needs no backward paging from the server.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  useEffect(() => setCursors([null]), [code]);
  const after = cursors[cursors.length - 1] ?? null;
  const board = useQuery(BoardQuery, { divisionCode: code, first: PAGE_SIZE, after }, { pollMs: 60_000 });
  const villages = directory?.townships.find((x) => x.code === township)?.villages ?? [];
  const pick = (next: string) => navigate(next ? `/board?division=${next}` : '/board');
  const b = board.data?.exposureBoard;

  return (
    <article className="board">
      <h1>
        {t('board.title')}
        {b ? ` · ${b.divisionName}` : ''}
      </h1>
      <form className="pickers no-print" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('board.township')}
          <select value={township} onChange={(e) => pick(e.target.value)}>
            <option value="">{t('board.all')}</option>
            {directory?.townships.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('board.village')}
          <select
            value={code.length === 12 ? code : ''}
            onChange={(e) => pick(e.target.value || township)}
            disabled={!township}
          >
            <option value="">{t('board.allVillages')}</option>
            {villages.map((v) => (
              <option key={v.code} value={v.code}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </form>
      <DownloadButtons list="exposure-board" params={{ divisionCode: code }} label={t('download.board')} />
      <ErrorNote error={board.error} />
      <Loading when={board.loading && !b} />
      {b && b.nodes.length === 0 && <p className="muted">{t('board.empty')}</p>}
      {b && b.nodes.length > 0 && (
        <ul className="entries" aria-label={t('board.title')}>
          {b.nodes.map((e) => (
            <li key={e.listingId} className="entry">
              <h2>{e.name}</h2>
              <dl>
                <dt>{t('board.gender')}</dt>
                <dd>{te(e.gender)}</dd>
                <dt>{t('board.age')}</dt>
                <dd>{e.age ?? '—'}</dd>
                <dt>{t('board.idNumber')}</dt>
                <dd className="id-number">{e.idNumberMasked}</dd>
                <dt>{t('board.owed')}</dt>
                <dd>{yuan(e.amountOwedFen)}</dd>
                <dt>{t('board.outstanding')}</dt>
                <dd>{yuan(e.outstandingFen)}</dd>
                <dt>{t('board.conduct')}</dt>
                <dd>{te(e.conduct)}</dd>
                <dt>{t('board.caseNumber')}</dt>
                <dd>{e.caseNumber ?? '—'}</dd>
                <dt>{t('board.court')}</dt>
                <dd>{e.court ?? '—'}</dd>
                <dt>{t('board.listed')}</dt>
                <dd>{day(e.listedDate)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <nav className="pager no-print" aria-label="pages">
        <button type="button" disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('common.prev')}
        </button>
        <span>{cursors.length}</span>
        <button
          type="button"
          disabled={!b?.pageInfo.hasNextPage}
          onClick={() => b?.pageInfo.endCursor && setCursors((c) => [...c, b.pageInfo.endCursor!])}
        >
          {t('common.next')}
        </button>
      </nav>
      <p className="muted small">{t('board.note')}</p>
    </article>
  );
}
