import { useQuery } from '@tanstack/react-query';
import { type DragEvent, useRef, useState } from 'react';
import { api, body, plainWords } from '../api/api';
import type { Accepted } from '../api/views';
import { QueryView, Section } from '../components/common';
import { dateTime, words } from '../format';
import { Link } from '../router';

type Kind = '835' | '999' | '277CA';

/** What a file is, from its first transaction set: 835, 999 or 277 (277CA). */
export function kindOf(text: string): Kind | undefined {
  const m = /(?:^|[~\n\r])\s*ST[*|^:]([0-9]{3})/.exec(text.slice(0, 4000));
  if (!m) return undefined;
  return m[1] === '835' ? '835' : m[1] === '999' ? '999' : m[1] === '277' ? '277CA' : undefined;
}

interface Upload {
  name: string;
  kind?: Kind;
  fileId?: string;
  accepted?: NonNullable<Accepted>;
  error?: string;
}

/** The file as a multipart upload: the API keeps its name. */
async function send(file: File, kind: Kind): Promise<NonNullable<Accepted>> {
  const form = new FormData();
  form.append('file', file, file.name);
  const init = { body: form as never, bodySerializer: (b: unknown) => b as FormData };
  return kind === '835' ? body(api.POST('/v1/remittances', init)) : body(api.POST('/v1/acknowledgments', init));
}

function FileResult({ upload }: { upload: Upload }) {
  const kind = upload.kind!;
  const fileId = upload.fileId!;
  const q = useQuery({
    queryKey: ['file', fileId],
    queryFn: () =>
      kind === '835'
        ? body(api.GET('/v1/remittances/{fileId}', { params: { path: { fileId } } }))
        : body(api.GET('/v1/acknowledgments/{fileId}', { params: { path: { fileId } } })),
    refetchInterval: (query) => (query.state.data && (query.state.data.status === 'delivered' || query.state.data.status === 'failed') ? false : 1000),
  });
  return (
    <QueryView q={q} what="the file's delivery">
      {(f) => (
        <div>
          <p role="status">
            {f.transactionType} {f.fileName ?? ''} · {f.claimCount} claim(s) · <strong>{f.status}</strong>
            {upload.accepted?.duplicate ? ' · already received before: nothing posted twice' : ''}
            {f.error ? ` · ${f.error}` : ''}
          </p>
          <table>
            <caption className="visually-hidden">Per-claim results of {f.fileName ?? 'the file'}</caption>
            <thead>
              <tr>
                <th scope="col">Claim reference</th>
                <th scope="col">Exam</th>
                <th scope="col">Claim status</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {f.claims.map((c, i) => (
                <tr key={i}>
                  <td className="mono">{c.claimReference}</td>
                  <td>{c.examId ? <Link to={`/exams/${encodeURIComponent(c.examId)}`}>{c.examId}</Link> : '—'}</td>
                  <td>{c.claimStatus ? words(c.claimStatus) : '—'}</td>
                  <td>
                    {c.outcome ? words(c.outcome) : 'pending'}
                    {c.reason ? <span className="muted"> ({c.reason})</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {f.counts.unmatched > 0 ? <p className="warn">{f.counts.unmatched} claim(s) matched no exam: they wait in the unmatched work below.</p> : null}
        </div>
      )}
    </QueryView>
  );
}

export function Remittances() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const unmatched = useQuery({
    queryKey: ['tasks', 'unmatched'],
    queryFn: () => body(api.GET('/v1/tasks', { params: { query: { type: 'remittance-unmatched', limit: 200 } } })),
  });

  async function take(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      const text = await file.text();
      const kind = kindOf(text);
      const entry: Upload = { name: file.name, ...(kind ? { kind } : {}) };
      if (!kind) {
        setUploads((u) => [{ ...entry, error: 'This is not an 835, 999 or 277CA file (no ST segment of those types near its start).' }, ...u]);
        continue;
      }
      try {
        const accepted = await send(file, kind);
        setUploads((u) => [{ ...entry, fileId: accepted.fileId, accepted }, ...u]);
      } catch (err) {
        setUploads((u) => [{ ...entry, error: plainWords(err) }, ...u]);
      }
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files);
  };

  return (
    <>
      <h1>Remittances</h1>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>Drop 835, 999 or 277CA files here, or</p>
        <label className="button">
          choose files…
          <input
            ref={input}
            type="file"
            multiple
            className="visually-hidden"
            aria-label="Choose 835, 999 or 277CA files to upload"
            onChange={(e) => {
              if (e.target.files) void take(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <Section title="Uploaded files">
        {uploads.length === 0 ? <p className="state empty">No file uploaded in this session yet.</p> : null}
        {uploads.map((u, i) => (
          <article key={i} className="upload">
            <h3>
              {u.name} {u.kind ? <span className="badge">{u.kind}</span> : null}
            </h3>
            {u.error ? <div className="error" role="alert">{u.error}</div> : <FileResult upload={u} />}
          </article>
        ))}
      </Section>
      <Section title="Unmatched work">
        <QueryView q={unmatched} what="unmatched remittance work" empty={(p) => p.tasks.length === 0}>
          {(p) => (
            <table>
              <caption className="visually-hidden">Remittance claims that matched no exam</caption>
              <thead>
                <tr>
                  <th scope="col">Opened</th>
                  <th scope="col">Payer claim</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {p.tasks.map((t) => (
                  <tr key={t.taskId}>
                    <td>{dateTime(t.openedAt)}</td>
                    <td className="mono">{String(t.context.claimReference ?? t.context.payerClaimNumber ?? t.taskId)}</td>
                    <td>{typeof t.context.paidCents === 'number' ? `$${(t.context.paidCents / 100).toFixed(2)}` : '—'}</td>
                    <td>{dateTime(t.dueAt)} (resolve it from My work)</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryView>
      </Section>
    </>
  );
}
