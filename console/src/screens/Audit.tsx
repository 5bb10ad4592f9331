import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, body } from '../api/api';
import { ErrorBox, Loading, QueryView, Section } from '../components/common';
import { dateTime } from '../format';

interface Filters {
  actor: string;
  objectType: string;
  objectId: string;
  action: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { actor: '', objectType: '', objectId: '', action: '', from: '', to: '' };
const LABELS: Record<keyof Filters, string> = { actor: 'Who (subject)', objectType: 'Object type', objectId: 'Object ID', action: 'Action', from: 'From', to: 'To' };

/** A local date-time typed in the form, as an instant with offset for the API. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function Audit() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [verifyAsked, setVerifyAsked] = useState(false);
  const query = {
    ...Object.fromEntries((['actor', 'objectType', 'objectId', 'action'] as const).filter((k) => filters[k].trim()).map((k) => [k, filters[k].trim()])),
    ...(filters.from ? { from: instant(filters.from) } : {}),
    ...(filters.to ? { to: instant(filters.to) } : {}),
    ...(cursor ? { cursor } : {}),
    limit: 100,
  };
  const q = useQuery({ queryKey: ['audit', query], queryFn: () => body(api.GET('/v1/audit', { params: { query: query as never } })) });
  const verify = useQuery({ queryKey: ['audit-verify'], queryFn: () => body(api.GET('/v1/audit/verify')), enabled: verifyAsked });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCursor(undefined);
    setFilters(draft);
  };

  return (
    <>
      <h1>Audit</h1>
      <Section
        title="Chain verification"
        actions={
          <button type="button" onClick={() => (verifyAsked ? void verify.refetch() : setVerifyAsked(true))}>
            Verify the whole chain
          </button>
        }
      >
        {!verifyAsked ? (
          <p className="muted">Recomputes every row's hash and checks the signed checkpoints. It reads the whole trail: it may take a while.</p>
        ) : verify.isFetching ? (
          <Loading what="the verification" />
        ) : verify.error ? (
          <ErrorBox error={verify.error} />
        ) : verify.data ? (
          <p role="status" className={verify.data.valid ? 'ok' : 'bad'}>
            {verify.data.valid ? `Intact: ${verify.data.checked} rows checked, every hash matches.` : `BROKEN at row ${verify.data.firstBrokenId ?? '?'} (${verify.data.checked} rows checked). Tell IT and your security officer.`}
            {verify.data.checkpoints
              ? verify.data.checkpoints.valid
                ? ` ${verify.data.checkpoints.checkpoints} signed checkpoint(s) agree.`
                : ` Checkpoint problem: ${verify.data.checkpoints.problem?.reason ?? 'unknown'}.`
              : ''}
          </p>
        ) : null}
      </Section>
      <form className="filters" onSubmit={submit} aria-label="Filter the audit trail">
        {(Object.keys(EMPTY) as (keyof Filters)[]).map((k) => (
          <label key={k}>
            {LABELS[k]}
            <input type={k === 'from' || k === 'to' ? 'datetime-local' : 'text'} value={draft[k]} onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))} />
          </label>
        ))}
        <button type="submit" className="primary">Apply filters</button>
      </form>
      <Section title="Trail, newest first">
        <QueryView q={q} what="audit rows match these filters" empty={(p) => p.items.length === 0}>
          {(p) => (
            <>
              <table>
                <caption className="visually-hidden">Audit rows</caption>
                <thead>
                  <tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Roles</th><th scope="col">Action</th><th scope="col">Object</th><th scope="col">Status</th><th scope="col">Request</th></tr>
                </thead>
                <tbody>
                  {p.items.map((r) => (
                    <tr key={r.id}>
                      <td>{dateTime(r.at)}</td>
                      <td>{r.actorSub ?? 'system'}</td>
                      <td>{r.actorRoles.join(', ')}</td>
                      <td className="mono">{r.action}</td>
                      <td>{r.objectType ? `${r.objectType} ${r.objectId ?? ''}` : '—'}</td>
                      <td>{r.statusCode}</td>
                      <td className="mono small">{r.requestId}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="buttons">
                {cursor ? <button type="button" onClick={() => setCursor(undefined)}>Newest</button> : null}
                {p.nextCursor ? <button type="button" onClick={() => setCursor(p.nextCursor ?? undefined)}>Older rows</button> : null}
              </div>
            </>
          )}
        </QueryView>
      </Section>
    </>
  );
}
