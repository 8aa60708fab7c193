/**
 * The files attached to a task, a settlement, a declaration or a home visit (docs/attachments.md): the
 * stored ones listed with a download link (`downloadUrl`, a short-lived path on the gateway that needs no
 * token, so a plain link), and, for staff, an upload in two steps: the owner hands out a link for the
 * declared file (name, type, size), then the bytes are `PUT` to it; the gateway stores, checks and
 * confirms them. A refusal at either step is shown in the server's words.
 */
import { useState } from 'react';
import { ApiError } from './api';
import { dateTime } from './format';
import { useT } from './i18n';
import { ErrorNote } from './ui';
import { fileSize, putFile } from './uploads';

export interface AttachmentItem {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt?: string | null;
  downloadUrl?: string | null;
}

/** What the owner is told about the file before it hands out the upload link. */
export interface DeclaredFile {
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/** Asks the owning subgraph for an upload link; throws its ApiError when refused. */
export type AskUpload = (file: DeclaredFile) => Promise<string>;

function UploadForm({ label, ask, onDone }: { label: string; ask: AskUpload; onDone(): void }) {
  const { t } = useT();
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  return (
    <form
      className="inline-form upload"
      aria-label={t('att.of', { what: label })}
      onSubmit={(e) => {
        e.preventDefault();
        setDone(undefined);
        setError(undefined);
        if (!file) return setError(new ApiError('no file', 'VALIDATION_FAILED', 'file', t('att.choose')));
        const form = e.currentTarget;
        const contentType = file.type || 'application/octet-stream';
        setPending(true);
        void ask({ fileName: file.name, contentType, sizeBytes: file.size })
          .then((url) => putFile(url, file, contentType))
          .then(
            () => {
              setDone(file.name);
              setFile(null);
              form.reset();
              onDone();
            },
            (err: unknown) => setError(err instanceof ApiError ? err : new ApiError(String(err), 'NETWORK')),
          )
          .finally(() => setPending(false));
      }}
    >
      <label>
        {t('att.file')}
        <input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <ErrorNote error={error} />
      {done && (
        <p role="status" className="ok">
          {t('att.uploaded', { name: done })}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? t('att.uploading') : t('att.upload')}
      </button>
    </form>
  );
}

/**
 * The stored files of one thing, oldest first as the graph lists them; with `ask`, an upload form under
 * a disclosure (the graph decides whether the reader may attach, and says so if not).
 */
export function Attachments({
  files,
  label,
  ask,
  onDone,
}: {
  files: readonly AttachmentItem[];
  /** Names the thing, for the upload form's accessible name. */
  label: string;
  ask?: AskUpload;
  onDone(): void;
}) {
  const { t } = useT();
  if (!files.length && !ask) return null;
  return (
    <div className="attachments">
      {files.length > 0 && (
        <ul className="plain files" aria-label={t('att.of', { what: label })}>
          {files.map((f) => (
            <li key={f.id} data-attachment={f.id}>
              {f.downloadUrl ? (
                <a href={f.downloadUrl} download={f.fileName} title={t('att.download')}>
                  {f.fileName}
                </a>
              ) : (
                f.fileName
              )}{' '}
              <span className="muted small">
                {t('att.size')} {fileSize(f.sizeBytes)} · {t('att.type')} {f.contentType} · {t('att.uploadedAt')}{' '}
                {dateTime(f.uploadedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {ask && (
        <details>
          <summary>
            {t('att.upload')}
            {files.length === 0 && ` · ${t('att.none')}`}
          </summary>
          <UploadForm label={label} ask={ask} onDone={onDone} />
        </details>
      )}
    </div>
  );
}
