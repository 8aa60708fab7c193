/** Small pieces every page uses. */
import type { ReactNode } from 'react';
import type { ApiError } from './api';
import { useT } from './i18n';

export function ErrorNote({ error }: { error?: ApiError }) {
  const { t } = useT();
  if (!error) return null;
  // The server's own words in the reader's language (Accept-Language) come first, with the field at fault.
  const localized = error.localizedMessage
    ? error.field
      ? `${error.localizedMessage}（${t('cf.field')}: ${error.field}）`
      : error.localizedMessage
    : undefined;
  const text =
    localized ??
    (error.code === 'FORBIDDEN'
      ? t('error.FORBIDDEN', { m: error.message })
      : error.code === 'UNAUTHENTICATED'
        ? t('error.UNAUTHENTICATED')
        : error.code === 'NOT_FOUND'
          ? t('error.NOT_FOUND')
          : error.code === 'VALIDATION_FAILED'
            ? t('error.VALIDATION_FAILED', { f: error.field ?? '', m: error.message })
            : error.code === 'NETWORK'
              ? t('error.NETWORK')
              : t('error.other', { m: error.message }));
  return (
    <p role="alert" className="error" data-code={error.code} data-field={error.field}>
      {text}
    </p>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = `${id ?? title}-h`;
  return (
    <section className="card" aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

export function Loading({ when }: { when: boolean }) {
  const { t } = useT();
  return when ? <p className="muted">{t('common.loading')}</p> : null;
}
