/**
 * Buttons that download a list as a file (`/exports/<list>.<csv|xlsx>`, docs/exports.md). The file is
 * fetched with the signed-in token (a plain link would go without it) and saved from the blob.
 */
import { useState } from 'react';
import { ApiError, download } from './api';
import { useT } from './i18n';
import { ErrorNote } from './ui';

export function DownloadButtons({
  list,
  params,
  label,
  formats = ['csv', 'xlsx'],
}: {
  list: 'open-cases' | 'obligors' | 'exposure-board' | 'meeting-invitations';
  params: Record<string, string | undefined>;
  label: string;
  formats?: ('csv' | 'xlsx')[];
}) {
  const { t } = useT();
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  const get = (format: 'csv' | 'xlsx') => {
    setPending(true);
    setError(undefined);
    download(`/exports/${list}.${format}?${query}`, `${list}.${format}`)
      .catch((err: ApiError) => setError(err))
      .finally(() => setPending(false));
  };
  return (
    <div className="toolbar downloads no-print" role="group" aria-label={label} data-list={list}>
      {formats.map((f) => (
        <button key={f} type="button" disabled={pending} data-format={f} onClick={() => get(f)}>
          {t(f === 'csv' ? 'download.csv' : 'download.xlsx')}
        </button>
      ))}
      <ErrorNote error={error} />
    </div>
  );
}
