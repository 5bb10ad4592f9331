import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, body } from '../api/api';
import type { AgingReport, DenialReport, KpiReport } from '../api/views';
import { QueryView, Section, download, toCsv } from '../components/common';
import { addDays, dollars, percent, todayIn, words } from '../format';

type Aging = NonNullable<AgingReport>;
type Kpis = NonNullable<KpiReport>;
type Denials = NonNullable<DenialReport>;

const BUCKET_LABELS: Record<string, string> = { '0-30': '0–30 days', '31-60': '31–60', '61-90': '61–90', '91-120': '91–120', '120+': 'over 120' };
const BUCKET_CLASSES = ['b0', 'b1', 'b2', 'b3', 'b4'];

/** A/R aging as stacked horizontal bars: one bar per payer (and the patients), one segment per age bucket. */
export function AgingChart({ aging }: { aging: Aging }) {
  const titleId = useId();
  const descId = useId();
  const rows = aging.byPayer.map((p) => ({ label: p.responsibility === 'patient' ? 'Patients' : p.payerId ?? 'unknown payer', buckets: p.bucketsCents as Record<string, number>, total: p.openCents }));
  const keys = aging.buckets;
  const max = Math.max(1, ...rows.map((r) => keys.reduce((t, k) => t + Math.max(0, r.buckets[k] ?? 0), 0)));
  const labelW = 150;
  const barW = 700;
  const rowH = 30;
  const top = 34;
  const height = top + rows.length * rowH + 24;
  return (
    <figure className="chart">
      <svg role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={`0 0 ${labelW + barW + 120} ${height}`} width="100%">
        <title id={titleId}>A/R aging by payer and bucket</title>
        <desc id={descId}>
          {rows.map((r) => `${r.label}: ${keys.map((k) => `${BUCKET_LABELS[k] ?? k} ${dollars(r.buckets[k] ?? 0)}`).join(', ')}`).join('. ')}
        </desc>
        <g className="legend" aria-hidden="true">
          {keys.map((k, i) => (
            <g key={k} transform={`translate(${labelW + i * 130}, 6)`}>
              <rect width="14" height="14" className={BUCKET_CLASSES[i]} />
              <text x="20" y="12">{BUCKET_LABELS[k] ?? k}</text>
            </g>
          ))}
        </g>
        {rows.map((r, ri) => {
          let x = labelW;
          const y = top + ri * rowH;
          return (
            <g key={ri} className="bar-row" data-payer={r.label}>
              <text x={labelW - 8} y={y + 18} textAnchor="end">{r.label}</text>
              {keys.map((k, i) => {
                const v = Math.max(0, r.buckets[k] ?? 0);
                const w = (v / max) * barW;
                const rect = w > 0 ? <rect key={k} x={x} y={y + 4} width={w} height={rowH - 10} className={BUCKET_CLASSES[i]} data-bucket={k}><title>{`${r.label}, ${BUCKET_LABELS[k] ?? k}: ${dollars(v)}`}</title></rect> : null;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + 18}>{dollars(r.total)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        Open A/R {dollars(aging.total.openCents)} as of {aging.asOf}, aged from {aging.agedFrom === 'service' ? 'the date of service' : 'first submission'}; {percent(aging.total.over90)} over 90 days.
      </figcaption>
    </figure>
  );
}

function Trend({ now, before, betterWhenLower }: { now: number | null; before: number | null; betterWhenLower?: boolean }) {
  if (now === null || before === null) return <span className="trend muted">no earlier figure</span>;
  const diff = now - before;
  if (Math.abs(diff) < 0.05) return <span className="trend">unchanged from the previous period</span>;
  const good = betterWhenLower ? diff < 0 : diff > 0;
  return (
    <span className={`trend ${good ? 'good' : 'bad'}`}>
      {diff > 0 ? '▲' : '▼'} {Math.abs(diff).toFixed(1)} {good ? '(better)' : '(worse)'} than the previous period
    </span>
  );
}

function KpiTiles({ now, before }: { now: Kpis; before: Kpis | undefined }) {
  const tiles: { key: string; label: string; value: string; n: number | null; b: number | null; lower?: boolean }[] = [
    { key: 'cleanClaimRate', label: 'Clean claim rate', value: percent(now.cleanClaimRate), n: now.cleanClaimRate.percent, b: before?.cleanClaimRate.percent ?? null },
    { key: 'firstPassAcceptanceRate', label: 'First-pass acceptance', value: percent(now.firstPassAcceptanceRate), n: now.firstPassAcceptanceRate.percent, b: before?.firstPassAcceptanceRate.percent ?? null },
    { key: 'denialRate', label: 'Denial rate', value: percent(now.denialRate.overall), n: now.denialRate.overall.percent, b: before?.denialRate.overall.percent ?? null, lower: true },
    { key: 'daysInAR', label: 'Days in A/R', value: now.daysInAR.days === null ? '—' : now.daysInAR.days.toFixed(1), n: now.daysInAR.days, b: before?.daysInAR.days ?? null, lower: true },
    { key: 'arOver90', label: 'A/R over 90 days', value: percent(now.arOver90), n: now.arOver90.percent, b: before?.arOver90.percent ?? null, lower: true },
    { key: 'netCollectionRate', label: 'Net collection rate', value: percent(now.netCollectionRate), n: now.netCollectionRate.percent, b: before?.netCollectionRate.percent ?? null },
  ];
  return (
    <ul className="kpis">
      {tiles.map((t) => (
        <li key={t.key} className="kpi">
          <h3>{t.label}</h3>
          <p className="kpi-value">{t.value}</p>
          <Trend now={t.n} before={t.b} betterWhenLower={t.lower} />
          <p className="kpi-def">{now.definitions[t.key] ?? ''}</p>
        </li>
      ))}
    </ul>
  );
}

function DenialTables({ d }: { d: Denials }) {
  return (
    <div className="denials">
      <table>
        <caption>By category</caption>
        <thead><tr><th scope="col">Category</th><th scope="col" className="num">Claims</th><th scope="col" className="num">Denied</th><th scope="col" className="num">Share</th></tr></thead>
        <tbody>
          {d.byCategory.map((c) => (
            <tr key={c.category}><td>{words(c.category)}</td><td className="num">{c.deniedClaims}</td><td className="num">{dollars(c.deniedCents)}</td><td className="num">{percent(c.shareOfDeniedCents)}</td></tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>By reason (CARC)</caption>
        <thead><tr><th scope="col">Code</th><th scope="col">Reason</th><th scope="col" className="num">Claims</th><th scope="col" className="num">Denied</th><th scope="col">Next step</th></tr></thead>
        <tbody>
          {d.byCarc.map((c) => (
            <tr key={`${c.group}-${c.carc}`}><td>{c.group}-{c.carc}</td><td>{c.description}</td><td className="num">{c.deniedClaims}</td><td className="num">{dollars(c.deniedCents)}</td><td>{c.recommendedAction ? words(c.recommendedAction) : '—'}</td></tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>By payer</caption>
        <thead><tr><th scope="col">Payer</th><th scope="col" className="num">Adjudicated</th><th scope="col" className="num">Denied claims</th><th scope="col" className="num">Denial rate</th><th scope="col" className="num">Denied</th></tr></thead>
        <tbody>
          {d.byPayer.map((p) => (
            <tr key={p.payerId}><td>{p.payerId}</td><td className="num">{p.adjudicatedClaims}</td><td className="num">{p.deniedClaims}</td><td className="num">{percent(p.denialRate)}</td><td className="num">{dollars(p.deniedCents)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const cents = (c: number) => (c / 100).toFixed(2);

export function Reports() {
  const today = todayIn();
  const [to, setTo] = useState(today);
  const [from, setFrom] = useState(addDays(today, -29));
  const [agedFrom, setAgedFrom] = useState<'service' | 'submission'>('service');
  const days = Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1);
  const prevTo = addDays(from, -1);
  const prevFrom = addDays(prevTo, -(days - 1));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;

  const aging = useQuery({ queryKey: ['ar-aging', to, agedFrom], queryFn: () => body(api.GET('/v1/reports/ar-aging', { params: { query: { asOf: to, agedFrom } } })), enabled: valid });
  const kpis = useQuery({ queryKey: ['kpis', from, to], queryFn: () => body(api.GET('/v1/reports/kpis', { params: { query: { from, to } } })), enabled: valid });
  const kpisBefore = useQuery({ queryKey: ['kpis', prevFrom, prevTo], queryFn: () => body(api.GET('/v1/reports/kpis', { params: { query: { from: prevFrom, to: prevTo } } })), enabled: valid });
  const denials = useQuery({ queryKey: ['denials', from, to], queryFn: () => body(api.GET('/v1/reports/denials', { params: { query: { from, to } } })), enabled: valid });

  function exportAging(a: Aging) {
    const rows: (string | number | null)[][] = [['responsibility', 'payer', ...a.buckets.map((b) => `${b} (USD)`), 'open (USD)', 'credit balances (USD)']];
    for (const p of a.byPayer) rows.push([p.responsibility, p.payerId, ...a.buckets.map((b) => cents((p.bucketsCents as Record<string, number>)[b] ?? 0)), cents(p.openCents), cents(p.creditBalanceCents)]);
    download(`ar-aging-${a.asOf}.csv`, toCsv(rows));
  }
  function exportDenials(d: Denials) {
    const rows: (string | number | null)[][] = [['group', 'carc', 'description', 'category', 'root cause', 'denied claims', 'denied (USD)']];
    for (const c of d.byCarc) rows.push([c.group, c.carc, c.description, c.category, c.rootCause, c.deniedClaims, cents(c.deniedCents)]);
    download(`denials-${d.from}-to-${d.to}.csv`, toCsv(rows));
  }
  function exportKpis(k: Kpis) {
    const rows: (string | number | null)[][] = [['kpi', 'percent or days', 'numerator', 'denominator']];
    rows.push(['clean claim rate', k.cleanClaimRate.percent, k.cleanClaimRate.numerator, k.cleanClaimRate.denominator]);
    rows.push(['first-pass acceptance rate', k.firstPassAcceptanceRate.percent, k.firstPassAcceptanceRate.numerator, k.firstPassAcceptanceRate.denominator]);
    rows.push(['denial rate', k.denialRate.overall.percent, k.denialRate.overall.numerator, k.denialRate.overall.denominator]);
    rows.push(['days in A/R', k.daysInAR.days, null, null]);
    rows.push(['A/R over 90 days', k.arOver90.percent, k.arOver90.numerator, k.arOver90.denominator]);
    rows.push(['net collection rate', k.netCollectionRate.percent, k.netCollectionRate.numerator, k.netCollectionRate.denominator]);
    download(`kpis-${k.from}-to-${k.to}.csv`, toCsv(rows));
  }

  return (
    <>
      <h1>Reports</h1>
      <form className="filters" aria-label="Report period" onSubmit={(e) => e.preventDefault()}>
        <label>
          From
          <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To (and A/R as of)
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          Age A/R from
          <select value={agedFrom} onChange={(e) => setAgedFrom(e.target.value as 'service' | 'submission')}>
            <option value="service">date of service</option>
            <option value="submission">first submission</option>
          </select>
        </label>
        {!valid ? <p className="field-error">The period needs a start on or before its end.</p> : null}
      </form>

      <Section title="A/R aging" actions={aging.data ? <button type="button" onClick={() => exportAging(aging.data)}>Export CSV</button> : null}>
        <QueryView q={aging} what="open A/R" empty={(a) => a.byPayer.length === 0}>
          {(a) => <AgingChart aging={a} />}
        </QueryView>
      </Section>

      <Section title={`KPIs, ${from} to ${to}`} actions={kpis.data ? <button type="button" onClick={() => exportKpis(kpis.data)}>Export CSV</button> : null}>
        <QueryView q={kpis} what="KPIs">
          {(k) => <KpiTiles now={k} before={kpisBefore.data} />}
        </QueryView>
      </Section>

      <Section title="Denials" actions={denials.data ? <button type="button" onClick={() => exportDenials(denials.data)}>Export CSV</button> : null}>
        <QueryView q={denials} what="denials in this period" empty={(d) => d.total.denials === 0}>
          {(d) => <DenialTables d={d} />}
        </QueryView>
      </Section>
    </>
  );
}
