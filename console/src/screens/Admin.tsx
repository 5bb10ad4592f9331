import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, body, issuesOf, plainWords } from '../api/api';
import type { Session } from '../auth';
import { QueryView, Section } from '../components/common';
import { calendarDate, dateTime, dollars } from '../format';

type Tab = 'payers' | 'entities' | 'facilities' | 'providers' | 'chargemaster';
const TABS: [Tab, string][] = [
  ['payers', 'Payer policies'],
  ['entities', 'Billing entities'],
  ['facilities', 'Facilities'],
  ['providers', 'Providers'],
  ['chargemaster', 'Chargemaster'],
];

function PolicyEditor({ payerId, mayEdit }: { payerId: string; mayEdit: boolean }) {
  const q = useQuery({ queryKey: ['payer', payerId], queryFn: () => body(api.GET('/v1/payers/{payerId}', { params: { path: { payerId } } })), enabled: mayEdit });
  const [text, setText] = useState<string | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (policy: Record<string, unknown>) => body(api.PUT('/v1/payers/{payerId}', { params: { path: { payerId } }, body: policy as never })),
    onSuccess: async () => {
      setText(null);
      await queryClient.invalidateQueries({ queryKey: ['payer', payerId] });
      await queryClient.invalidateQueries({ queryKey: ['payers'] });
    },
  });
  if (!mayEdit) return <p className="muted">Policies are read and changed by an admin.</p>;
  return (
    <QueryView q={q} what="the policy">
      {(p) => {
        const value = text ?? JSON.stringify(p.policy, null, 2);
        return (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              try {
                setParseError(null);
                save.mutate(JSON.parse(value) as Record<string, unknown>);
              } catch {
                setParseError('This is not valid JSON: check the commas and quotes around the line you changed.');
              }
            }}
          >
            <p className="muted">
              Version {p.version}, changed {dateTime(p.updatedAt)} by {p.updatedBy ?? 'the seed'}. Open exams of the payer reload the policy when it is saved.
            </p>
            <label htmlFor={`policy-${payerId}`}>Policy of {payerId} (JSON)</label>
            <textarea id={`policy-${payerId}`} className="mono" rows={18} value={value} onChange={(e) => setText(e.target.value)} spellCheck={false} />
            {parseError ? <p className="field-error">{parseError}</p> : null}
            {save.error ? (
              <div className="error" role="alert">
                <p>{plainWords(save.error)}</p>
                {issuesOf(save.error).length > 0 ? (
                  <ul>
                    {issuesOf(save.error).map((i, n) => (
                      <li key={n}>
                        <code>{i.path || '(policy)'}</code>: {i.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
            {save.isSuccess ? <p className="notice" role="status">Saved.</p> : null}
            <button type="submit" className="primary" disabled={save.isPending || text === null}>
              Save policy
            </button>
          </form>
        );
      }}
    </QueryView>
  );
}

function Payers({ session }: { session: Session }) {
  const q = useQuery({ queryKey: ['payers'], queryFn: () => body(api.GET('/v1/payers')) });
  const [open, setOpen] = useState<string | null>(null);
  return (
    <QueryView q={q} what="payers" empty={(p) => p.payers.length === 0}>
      {(p) => (
        <>
          <table>
            <caption className="visually-hidden">Payers</caption>
            <thead>
              <tr><th scope="col">Payer</th><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Active</th><th scope="col">Policy version</th><th scope="col">Policy</th></tr>
            </thead>
            <tbody>
              {p.payers.map((r) => (
                <tr key={r.payerId}>
                  <td className="mono">{r.payerId}</td>
                  <td>{r.name}</td>
                  <td>{r.payerType}</td>
                  <td>{r.active ? 'yes' : 'no'}</td>
                  <td>{r.version}</td>
                  <td>
                    <button type="button" onClick={() => setOpen(open === r.payerId ? null : r.payerId)} aria-expanded={open === r.payerId}>
                      {open === r.payerId ? 'Close' : session.roles.includes('admin') ? 'Edit' : 'Details'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {open ? <PolicyEditor payerId={open} mayEdit={session.roles.includes('admin')} /> : null}
        </>
      )}
    </QueryView>
  );
}

function Entities() {
  const q = useQuery({ queryKey: ['billing-entities'], queryFn: () => body(api.GET('/v1/billing-entities')) });
  return (
    <QueryView q={q} what="billing entities" empty={(d) => d.billingEntities.length === 0}>
      {(d) => (
        <table>
          <caption className="visually-hidden">Billing entities</caption>
          <thead><tr><th scope="col">ID</th><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">NPI</th><th scope="col">Version</th></tr></thead>
          <tbody>
            {d.billingEntities.map((r) => (
              <tr key={r.id}><td className="mono">{r.id}</td><td>{r.billingEntity?.name ?? 'invalid record'}</td><td>{r.billingEntity?.kind ?? '—'}</td><td>{r.billingEntity?.npi ?? '—'}</td><td>{r.version}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </QueryView>
  );
}

function Facilities() {
  const q = useQuery({ queryKey: ['facilities'], queryFn: () => body(api.GET('/v1/facilities')) });
  return (
    <QueryView q={q} what="facilities" empty={(d) => d.facilities.length === 0}>
      {(d) => (
        <table>
          <caption className="visually-hidden">Facilities</caption>
          <thead><tr><th scope="col">ID</th><th scope="col">Name</th><th scope="col">Time zone</th><th scope="col">Place of service</th><th scope="col">Version</th></tr></thead>
          <tbody>
            {d.facilities.map((r) => (
              <tr key={r.id}><td className="mono">{r.id}</td><td>{r.facility?.name ?? 'invalid record'}</td><td>{r.facility?.timeZone ?? '—'}</td><td>{r.facility?.placeOfService ?? '—'}</td><td>{r.version}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </QueryView>
  );
}

function Providers() {
  const [name, setName] = useState('');
  const q = useQuery({ queryKey: ['providers', name], queryFn: () => body(api.GET('/v1/providers', { params: { query: { ...(name.trim() ? { name: name.trim() } : {}), limit: 100 } as never } })) });
  return (
    <>
      <label className="inline">
        Name starts with <input type="search" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <QueryView q={q} what="providers" empty={(d) => d.providers.length === 0}>
        {(d) => (
          <table>
            <caption className="visually-hidden">Providers</caption>
            <thead><tr><th scope="col">NPI</th><th scope="col">Name</th><th scope="col">Roles</th><th scope="col">Bills through</th><th scope="col">Active</th></tr></thead>
            <tbody>
              {d.providers.map((r) => (
                <tr key={r.npi}>
                  <td className="mono">{r.npi}</td>
                  <td>{r.provider ? `${r.provider.lastName}${r.provider.firstName ? `, ${r.provider.firstName}` : ''}${r.provider.credential ? ` ${r.provider.credential}` : ''}` : 'invalid record'}</td>
                  <td>{r.provider?.roles.join(', ') ?? '—'}</td>
                  <td>{r.provider?.reassignedTo.join(', ') || '—'}</td>
                  <td>{r.provider?.active ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </>
  );
}

function Chargemaster() {
  const entities = useQuery({ queryKey: ['billing-entities'], queryFn: () => body(api.GET('/v1/billing-entities')) });
  const [entityId, setEntityId] = useState('');
  const chosen = entityId || entities.data?.billingEntities[0]?.id || '';
  const q = useQuery({
    queryKey: ['chargemaster', chosen],
    queryFn: () => body(api.GET('/v1/chargemaster/{entityId}', { params: { path: { entityId: chosen } } })),
    enabled: chosen !== '',
  });
  return (
    <QueryView q={entities} what="billing entities (a chargemaster belongs to one)" empty={(d) => d.billingEntities.length === 0}>
      {(d) => (
        <>
          <label className="inline">
            Billing entity
            <select value={chosen} onChange={(e) => setEntityId(e.target.value)}>
              {d.billingEntities.map((r) => (
                <option key={r.id} value={r.id}>{r.billingEntity?.name ?? r.id}</option>
              ))}
            </select>
          </label>
          <QueryView q={q} what="chargemaster items" empty={(c) => c.items.length === 0}>
            {(c) => (
              <table>
                <caption className="visually-hidden">Chargemaster of {c.entityId}</caption>
                <thead><tr><th scope="col">Code</th><th scope="col">Modifier</th><th scope="col">Description</th><th scope="col" className="num">Price</th><th scope="col">Revenue code</th><th scope="col">In effect</th></tr></thead>
                <tbody>
                  {c.items.map((i) => (
                    <tr key={i.id}><td className="mono">{i.code}</td><td>{i.modifier || '—'}</td><td>{i.description}</td><td className="num">{dollars(i.priceCents)}</td><td>{i.revenueCode ?? '—'}</td><td>{calendarDate(i.effectiveFrom)} – {i.effectiveTo ? calendarDate(i.effectiveTo) : 'open'}</td></tr>
                  ))}
                </tbody>
              </table>
            )}
          </QueryView>
        </>
      )}
    </QueryView>
  );
}

export function Admin({ session }: { session: Session }) {
  const [tab, setTab] = useState<Tab>('payers');
  return (
    <>
      <h1>Admin</h1>
      <div role="tablist" aria-label="Reference data" className="tabs">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(e) => {
              const i = TABS.findIndex(([t]) => t === tab);
              const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : undefined;
              if (next) {
                setTab(next[0]);
                document.getElementById(`tab-${next[0]}`)?.focus();
              }
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        <Section title={TABS.find(([t]) => t === tab)![1]}>
          {tab === 'payers' ? <Payers session={session} /> : tab === 'entities' ? <Entities /> : tab === 'facilities' ? <Facilities /> : tab === 'providers' ? <Providers /> : <Chargemaster />}
        </Section>
      </div>
    </>
  );
}
