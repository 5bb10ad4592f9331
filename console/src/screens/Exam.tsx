import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { findCarc } from '../../../domain/denials/carc-table';
import { api, body, plainWords } from '../api/api';
import type { Exam as ExamView, Task } from '../api/views';
import { type Session, hasAny } from '../auth';
import { ErrorBox, Empty, QueryView, Section, download } from '../components/common';
import { ResolveDialog } from '../components/ResolveDialog';
import { calendarDate, centsOf, dateTime, dollars, words } from '../format';
import { loopsOf, segmentsOf } from '../x12';

const CLAIM_STATUS: Record<string, string> = { '1': 'processed as primary', '2': 'processed as secondary', '3': 'processed as tertiary', '4': 'denied', '19': 'processed as primary, forwarded', '20': 'processed as secondary, forwarded', '22': 'reversal of a previous payment', '23': 'not our claim, forwarded' };

/** "CO-50" → the group and reason the payer gave, in words; "CLP02:4" → the claim status code. */
function carcWords(code: string): string {
  const clp = /^CLP02:(\d+)$/.exec(code);
  if (clp) return `claim status ${clp[1]}: ${CLAIM_STATUS[clp[1]!] ?? 'see the 835'}`;
  const m = /^([A-Z]{2})-?(\w+)$/.exec(code);
  const carc = m ? findCarc(m[2]!) : findCarc(code);
  const group = m ? { CO: 'contractual', PR: 'patient responsibility', OA: 'other adjustment', PI: 'payer initiated', CR: 'correction' }[m[1]!] : undefined;
  return carc ? `${code}: ${carc.description}${group ? ` (${group})` : ''}` : code;
}

export function ExamScreen({ examId, session }: { examId: string; session: Session }) {
  const exam = useQuery({ queryKey: ['exam', examId], queryFn: () => body(api.GET('/v1/exams/{examId}', { params: { path: { examId } } })), refetchInterval: 15_000 });
  const facility = exam.data?.facility.id;
  return (
    <>
      <QueryView q={exam} what="the exam">
        {(e) => <ExamHeader exam={e} />}
      </QueryView>
      {exam.data ? (
        <div className="exam-grid">
          {session.roles.includes('supervisor') ? <Timeline examId={examId} facility={facility} /> : null}
          <Tasks examId={examId} session={session} facility={facility} />
          <Claims examId={examId} session={session} facility={facility} />
          {hasAny(session, ['biller', 'supervisor']) ? <LedgerPanel examId={examId} facility={facility} /> : null}
          {hasAny(session, ['front_desk', 'biller', 'supervisor']) ? <Documents examId={examId} facility={facility} /> : null}
          {hasAny(session, ['front_desk', 'biller', 'supervisor']) ? <PaymentEntry examId={examId} /> : null}
        </div>
      ) : null}
    </>
  );
}

function ExamHeader({ exam }: { exam: NonNullable<ExamView> }) {
  const b = exam.balances as Record<string, number | undefined>;
  return (
    <header className="exam-header">
      <h1>
        Exam <span className="mono">{exam.accessionNumber}</span>
      </h1>
      <dl className="facts">
        <div>
          <dt>Patient</dt>
          <dd>accession {exam.accessionNumber} (name and birth date stay in the RIS)</dd>
        </div>
        <div>
          <dt>Payer</dt>
          <dd>{exam.coverages.map((c) => `${c.payerId} (${c.order})`).join(', ') || 'self-pay'}</dd>
        </div>
        <div>
          <dt>Phase</dt>
          <dd>
            <span className="badge phase">{words(exam.phase)}</span> {exam.status !== 'open' ? <span className="badge">{exam.status}</span> : null}
            {exam.escalated ? <span className="badge escalated">escalated</span> : null}
          </dd>
        </div>
        <div>
          <dt>Order</dt>
          <dd>
            {exam.order.modality} {exam.order.procedures.map((p) => p.cpt).join(', ')} · scheduled {dateTime(exam.order.scheduledAt, exam.facility.id)}
          </dd>
        </div>
        <div>
          <dt>Insurance balance</dt>
          <dd>{dollars(b.insuranceCents ?? 0)}</dd>
        </div>
        <div>
          <dt>Patient balance</dt>
          <dd>{dollars(b.patientCents ?? 0)}</dd>
        </div>
        {Object.entries(b)
          .filter(([k]) => k !== 'insuranceCents' && k !== 'patientCents')
          .map(([k, v]) => (
            <div key={k}>
              <dt>{words(k.replace(/Cents$/, '').replace(/([A-Z])/g, ' $1').toLowerCase())}</dt>
              <dd>{dollars(v ?? 0)}</dd>
            </div>
          ))}
      </dl>
      {exam.nextTimers.length > 0 ? (
        <p className="muted">
          Next: {exam.nextTimers.slice(0, 3).map((t) => `${words(t.kind)} ${dateTime(t.dueAt, exam.facility.id)}`).join(' · ')}
        </p>
      ) : null}
    </header>
  );
}

function Timeline({ examId, facility }: { examId: string; facility?: string }) {
  const q = useQuery({ queryKey: ['history', examId], queryFn: () => body(api.GET('/v1/exams/{examId}/history', { params: { path: { examId } } })) });
  return (
    <Section title="Timeline">
      <QueryView q={q} what="timeline entries" empty={(h) => h.timeline.length === 0}>
        {(h) => (
          <ol className="timeline" aria-label="Exam timeline, oldest first" tabIndex={0}>
            {h.timeline.map((t, i) => (
              <li key={i} className={`tl-${t.kind}`}>
                <time dateTime={t.at}>{dateTime(t.at, facility)}</time>
                <span className="tl-kind">{words(t.kind)}</span>
                <span>{t.summary}</span>
                {t.who ? <span className="muted"> by {t.who}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </QueryView>
    </Section>
  );
}

function Tasks({ examId, session, facility }: { examId: string; session: Session; facility?: string }) {
  const q = useQuery({ queryKey: ['tasks', 'exam', examId], queryFn: () => body(api.GET('/v1/tasks', { params: { query: { examId, status: 'all', limit: 200 } } })) });
  const [resolving, setResolving] = useState<Task | null>(null);
  return (
    <Section title="Tasks">
      <QueryView q={q} what="tasks of your queues for this exam" empty={(p) => p.tasks.length === 0}>
        {(p) => (
          <table>
            <caption className="visually-hidden">Open and closed tasks of the exam</caption>
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Status</th>
                <th scope="col">Due / closed</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {p.tasks.map((t) => (
                <tr key={t.taskId}>
                  <td>
                    {words(t.type)} <span className="muted">({words(t.queue)})</span>
                  </td>
                  <td>
                    <span className={`badge status-${t.status}`}>{t.status}</span>
                  </td>
                  <td>{t.status === 'open' ? dateTime(t.dueAt, facility) : dateTime(t.closedAt, facility)}</td>
                  <td>
                    {t.status === 'open' && hasAny(session, [t.queue as never, 'supervisor']) ? (
                      <button type="button" className="primary" onClick={() => setResolving(t)} aria-label={`Resolve ${words(t.type)}`}>
                        Resolve
                      </button>
                    ) : t.resolutionAction ? (
                      `${words(t.resolutionAction)}${t.resolvedBy ? ` by ${t.resolvedBy}` : ''}`
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
      {resolving ? <ResolveDialog task={resolving} onClose={() => setResolving(null)} /> : null}
    </Section>
  );
}

function Claims({ examId, session, facility }: { examId: string; session: Session; facility?: string }) {
  const q = useQuery({ queryKey: ['claims', examId], queryFn: () => body(api.GET('/v1/claims', { params: { query: { examId } } })) });
  return (
    <Section title="Claims">
      <QueryView q={q} what="claims (the exam has not been billed yet)" empty={(c) => c.items.length === 0}>
        {(c) => (
          <>
            {c.items.map((claim) => (
              <ClaimCard key={claim.claimId} claimId={claim.claimId} session={session} facility={facility} />
            ))}
          </>
        )}
      </QueryView>
    </Section>
  );
}

function ClaimCard({ claimId, session, facility }: { claimId: string; session: Session; facility?: string }) {
  const q = useQuery({ queryKey: ['claim', claimId], queryFn: () => body(api.GET('/v1/claims/{claimId}', { params: { path: { claimId } } })) });
  const [shown, setShown] = useState<string | null>(null);
  const headingId = useId();
  const mayReadX12 = hasAny(session, ['biller', 'coder', 'supervisor']);
  return (
    <QueryView q={q} what="the claim">
      {(c) => (
        <article className="claim" aria-labelledby={headingId}>
          <h3 id={headingId}>
            Claim <span className="mono">{c.claimId}</span> · version {c.version} · {c.form} {c.kind} · <span className={`badge status-${c.status}`}>{words(c.status)}</span>
          </h3>
          <p>
            {c.payerId} · service {calendarDate(c.dateOfService)} · charge {dollars(c.chargeCents)} · paid {dollars(c.paidCents)} · patient {dollars(c.patientResponsibilityCents)}
            {c.payerClaimNumber ? ` · payer claim ${c.payerClaimNumber}` : ''}
          </p>
          <h4>Status history</h4>
          <table>
            <caption className="visually-hidden">Status history of claim {c.claimId}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">From</th>
                <th scope="col">Payer's reasons</th>
              </tr>
            </thead>
            <tbody>
              {c.history.map((h, i) => (
                <tr key={i}>
                  <td>{dateTime(h.at, facility)}</td>
                  <td>{h.version}</td>
                  <td>{words(h.status)}</td>
                  <td>{h.source}</td>
                  <td>
                    {h.statusCodes.length > 0 ? (
                      <ul className="plain">
                        {h.statusCodes.map((code) => (
                          <li key={code}>{carcWords(code)}</li>
                        ))}
                      </ul>
                    ) : null}
                    {h.note ? <span className="muted">{h.note}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.scrubFindings.length > 0 ? (
            <>
              <h4>Findings</h4>
              <ul className="findings">
                {c.scrubFindings.map((f, i) => (
                  <li key={i} className={`finding-${f.severity}`}>
                    <strong>{f.severity}</strong> {f.code} ({f.field}): {f.message}
                    {f.autoFixed ? ' — fixed automatically' : f.fix ? ` — ${f.fix}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">No scrubber findings.</p>
          )}
          <h4>Files sent</h4>
          <ul className="plain">
            {c.documents.map((d) => (
              <li key={d.documentId}>
                {d.kind === 'claim' ? `Claim version ${d.version}` : `Appeal level ${d.appealLevel} (version ${d.version})`} · {d.transactionType} · {dateTime(d.createdAt, facility)}
                {d.outcome ? ` · ${d.outcome}` : ''}{' '}
                {mayReadX12 ? (
                  <button type="button" onClick={() => setShown(shown === d.documentId ? null : d.documentId)} aria-expanded={shown === d.documentId}>
                    {shown === d.documentId ? 'Hide X12' : 'Show X12'}
                  </button>
                ) : null}
                {shown === d.documentId ? <X12View claimId={c.claimId} documentId={d.documentId} fileName={d.fileName} /> : null}
              </li>
            ))}
          </ul>
          {c.appealRequests.length > 0 ? <p className="muted">{c.appealRequests.length} written appeal or reopening request(s): see Documents.</p> : null}
        </article>
      )}
    </QueryView>
  );
}

function X12View({ claimId, documentId, fileName }: { claimId: string; documentId: string; fileName: string }) {
  const q = useQuery({
    queryKey: ['x12', claimId, documentId],
    queryFn: () => body(api.GET('/v1/claims/{claimId}/x12', { params: { path: { claimId }, query: { documentId } }, parseAs: 'text' })),
  });
  return (
    <QueryView q={q} what="the X12 file">
      {(raw) => (
        <div className="x12">
          <p>
            <button type="button" onClick={() => download(fileName, raw, 'application/edi-x12')}>
              Download {fileName}
            </button>
          </p>
          {loopsOf(segmentsOf(raw)).map((group, gi) => (
            <table key={gi} className="x12-loop">
              <caption>Loop {group.loop || '—'}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Segment</th>
                  <th scope="col">Elements</th>
                </tr>
              </thead>
              <tbody>
                {group.segments.map((s) => (
                  <tr key={s.index}>
                    <td>{s.index + 1}</td>
                    <td>
                      <abbr title={s.name}>{s.id}</abbr>
                      <span className="muted"> {s.name}</span>
                    </td>
                    <td className="mono">
                      {s.elements.map((el, i) => (
                        <span key={i} className="el">
                          <span className="el-pos">
                            {s.id}
                            {String(i + 1).padStart(2, '0')}
                          </span>
                          {el || '∅'}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      )}
    </QueryView>
  );
}

function LedgerPanel({ examId, facility }: { examId: string; facility?: string }) {
  const q = useQuery({ queryKey: ['ledger', examId], queryFn: () => body(api.GET('/v1/exams/{examId}/ledger', { params: { path: { examId } } })) });
  return (
    <Section title="Ledger">
      <QueryView q={q} what="ledger entries" empty={(l) => l.entries.length === 0}>
        {(l) => (
          <>
            <dl className="facts">
              <div><dt>Charges</dt><dd>{dollars(l.totals.chargesCents)}</dd></div>
              <div><dt>Payments</dt><dd>{dollars(l.totals.paymentsCents)}</dd></div>
              <div><dt>Adjustments</dt><dd>{dollars(l.totals.adjustmentsCents)}</dd></div>
              <div><dt>Insurance open</dt><dd>{dollars(l.totals.insuranceOpenCents)}</dd></div>
              <div><dt>Patient open</dt><dd>{dollars(l.totals.patientOpenCents)}</dd></div>
              <div><dt>Balanced</dt><dd>{l.totals.balanced ? 'yes' : 'NO — tell IT'}</dd></div>
            </dl>
            <table>
              <caption className="visually-hidden">Ledger entries, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Source</th>
                  <th scope="col">Account</th>
                  <th scope="col" className="num">Debit</th>
                  <th scope="col" className="num">Credit</th>
                </tr>
              </thead>
              <tbody>
                {l.entries.flatMap((e) =>
                  e.lines.map((line, i) => (
                    <tr key={`${e.entryId}-${i}`}>
                      <td>{i === 0 ? calendarDate(e.effectiveDate) : ''}</td>
                      <td>{i === 0 ? `${e.source.kind}${e.source.reference ? ` ${e.source.reference}` : ''}` : ''}</td>
                      <td>{line.account}</td>
                      <td className="num">{line.debitCents ? dollars(line.debitCents) : ''}</td>
                      <td className="num">{line.creditCents ? dollars(line.creditCents) : ''}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
            <p className="muted">Posted times are in the facility's zone; last entry {dateTime(l.entries[l.entries.length - 1]?.postedAt, facility)}.</p>
          </>
        )}
      </QueryView>
    </Section>
  );
}

function Documents({ examId, facility }: { examId: string; facility?: string }) {
  const q = useQuery({ queryKey: ['documents', examId], queryFn: () => body(api.GET('/v1/exams/{examId}/documents', { params: { path: { examId } } })) });
  const [error, setError] = useState<unknown>(null);
  async function open(documentId: string) {
    setError(null);
    // the tab opens now (a click), the PDF follows: fetched with the token, shown from memory, never by a URL holding it
    const tab = window.open('', '_blank');
    try {
      const blob = await body(api.GET('/v1/exams/{examId}/documents/{documentId}', { params: { path: { examId, documentId } }, parseAs: 'blob' }));
      const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
      if (tab) tab.location.href = url;
      else window.location.assign(url);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      tab?.close();
      setError(err);
    }
  }
  return (
    <Section title="Documents" className="half">
      {error ? <ErrorBox error={error} /> : null}
      <QueryView q={q} what="documents (statements and letters appear here once rendered)" empty={(d) => d.documents.length === 0}>
        {(d) => (
          <ul className="plain">
            {d.documents.map((doc) => (
              <li key={doc.documentId}>
                <button type="button" onClick={() => void open(doc.documentId)}>
                  Open {words(doc.kind)} (PDF, {Math.ceil(doc.sizeBytes / 1024)} KB)
                </button>{' '}
                <span className="muted">{dateTime(doc.createdAt, facility)}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Section>
  );
}

const METHODS = ['cash', 'check', 'card', 'ach', 'other'] as const;

function PaymentEntry({ examId }: { examId: string }) {
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<(typeof METHODS)[number]>('card');
  const [reference, setReference] = useState('');
  const [problems, setProblems] = useState<{ amount?: string; reference?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const pay = useMutation({
    mutationFn: (p: { amountCents: number; method: (typeof METHODS)[number]; reference: string }) =>
      body(api.POST('/v1/exams/{examId}/payments', { params: { path: { examId } }, body: p })),
    onSuccess: async (_r, p) => {
      setDone(`Payment of ${dollars(p.amountCents)} recorded (reference ${p.reference}).`);
      setAmount('');
      setReference('');
      await queryClient.invalidateQueries();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const cents = centsOf(amount);
    const next: typeof problems = {};
    if (cents === undefined || cents <= 0) next.amount = 'Enter an amount in dollars, like 25.00.';
    if (!/^[A-Za-z0-9._:-]{1,100}$/.test(reference)) next.reference = 'Enter the receipt or check number: letters, digits or . _ : - only.';
    setProblems(next);
    if (Object.keys(next).length === 0) pay.mutate({ amountCents: cents!, method, reference });
  }
  return (
    <Section title="Patient payment" className="half">
      <form onSubmit={submit} noValidate className="inline-form">
        <div className="field">
          <label htmlFor="pay-amount">Amount ($)</label>
          <input id="pay-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={problems.amount ? true : undefined} aria-describedby={problems.amount ? 'pay-amount-error' : undefined} />
          {problems.amount ? <p className="field-error" id="pay-amount-error">{problems.amount}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="pay-method">Method</label>
          <select id="pay-method" value={method} onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])}>
            {METHODS.map((m) => (
              <option key={m} value={m}>{m}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pay-ref">Reference</label>
          <input id="pay-ref" value={reference} onChange={(e) => setReference(e.target.value)} aria-invalid={problems.reference ? true : undefined} aria-describedby={problems.reference ? 'pay-ref-error' : undefined} />
          {problems.reference ? <p className="field-error" id="pay-ref-error">{problems.reference}</p> : null}
        </div>
        <button type="submit" className="primary" disabled={pay.isPending}>
          {pay.isPending ? 'Recording…' : 'Record payment'}
        </button>
      </form>
      <div aria-live="polite">{done ? <p className="notice">{done}</p> : null}</div>
      {pay.error ? <div className="error" role="alert">{plainWords(pay.error)}</div> : null}
      <Empty>Payments post to the exam's ledger; a repeat of the same reference is recorded once.</Empty>
    </Section>
  );
}
