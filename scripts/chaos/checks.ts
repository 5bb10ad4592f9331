import fs from 'node:fs';
import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import type { Pool } from 'pg';
import type { ApiClient } from './api-client';
import type { ExamView } from './exam-drivers';
import type { FaultRecord } from './faults';

/**
 * What the chaos run checks afterwards, each a count that must be 0, with the evidence kept short
 * (ids only: no PHI). Sources: the engine's own tables (read with SQL), the Temporal server (visibility,
 * describe, histories) and the API (an exam's live view: open tasks and next timers).
 */
export interface Check {
  name: string;
  value: number;
  source: string;
  examples: unknown[];
}

export interface CheckInputs {
  db: Pool;
  temporal: Client;
  api: ApiClient;
  acceptedExamIds: Set<string>;
  faults: FaultRecord[];
  receiptLog: string;
  workerLogs: string[];
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sample = <T>(xs: T[], n = 10) => xs.slice(0, n);

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
    }),
  );
  return out;
}

/** Accepted intakes that never became a recorded exam with a workflow, or that are still in intake. */
async function lostExams(x: CheckInputs): Promise<Check> {
  const intakes = (await x.db.query<{ exam_id: string }>('SELECT exam_id FROM exam_intakes')).rows.map((r) => r.exam_id);
  const recorded = new Map((await x.db.query<{ exam_id: string; phase: string }>('SELECT exam_id, phase FROM exams')).rows.map((r) => [r.exam_id, r.phase]));
  const lost: { examId: string; why: string }[] = [];
  const intakeSet = new Set(intakes);
  for (const examId of x.acceptedExamIds) if (!intakeSet.has(examId)) lost.push({ examId, why: 'accepted by the API, no intake row' });
  await mapLimit(intakes, 8, async (examId) => {
    const phase = recorded.get(examId);
    if (phase === undefined) lost.push({ examId, why: 'intake row, no exam row' });
    else if (phase === 'intake') lost.push({ examId, why: 'still in intake' });
    try {
      await x.temporal.workflow.getHandle(`exam:${examId}`).describe();
    } catch (err) {
      lost.push({ examId, why: `no exam workflow (${(err as Error).name})` });
    }
  });
  return { name: 'lost exams', value: new Set(lost.map((l) => l.examId)).size, source: 'exam_intakes, exams, Temporal describe', examples: sample(lost) };
}

/**
 * Claim files the payer processed twice. Preferred source: the sandbox's receipt log (one line per claim
 * file it processed, env SANDBOX_RECEIPT_LOG). Without it: rows per claim + version in claim_submissions
 * and outbound x12_documents (a unique key makes these 0 by construction), plus what can be inferred of
 * re-sends after worker kills: a submission still `prepared` at a kill whose 999 the payer had already
 * produced before the kill, and that was later marked `sent` (so the retry sent the file again), and
 * any 837 that got two different 999s.
 */
async function claimsSentTwice(x: CheckInputs): Promise<Check & { detail: Record<string, unknown> }> {
  const claimFiles = (await x.db.query<{ n: number }>("SELECT count(*)::int AS n FROM x12_documents WHERE direction = 'outbound' AND transaction_type IN ('837P', '837I')")).rows[0]!.n;
  if (fs.existsSync(x.receiptLog)) {
    const lines = fs.readFileSync(x.receiptLog, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    const keys = lines.map((line) => {
      try {
        const j = JSON.parse(line) as Record<string, unknown>;
        const name = j.fileName ?? j.file ?? j.name;
        if (typeof name === 'string') return name;
        if (j.claimId !== undefined) return `${String(j.claimId)}:v${String(j.version ?? '')}:${String(j.appealLevel ?? j.kind ?? '')}`;
        return line;
      } catch {
        return /837[PI]-\S+?\.x12/.exec(line)?.[0] ?? line;
      }
    });
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    const twice = [...counts.entries()].filter(([, n]) => n > 1);
    return {
      name: 'claim versions sent twice', value: twice.length, source: `sandbox receipt log (${lines.length} lines, ${claimFiles} claim files recorded outbound)`,
      examples: sample(twice.map(([k, n]) => ({ file: k, received: n }))), detail: { receiptLines: lines.length },
    };
  }
  const dupRows = (await x.db.query<{ claim_id: string; version: number; n: number }>(`
    SELECT claim_id, version, n FROM (
      SELECT claim_id, version, count(*)::int AS n FROM claim_submissions GROUP BY 1, 2
      UNION ALL
      SELECT file_name, 0, count(*)::int FROM x12_documents WHERE direction = 'outbound' AND transaction_type IN ('837P', '837I') GROUP BY file_name
    ) t WHERE n > 1`)).rows;
  // Re-sends inferred from the worker kills.
  const inferred: { claimId: string; version: number; killAtS: number }[] = [];
  for (const f of x.faults) {
    for (const p of f.preparedAtKill ?? []) {
      const ctl = String(Number(p.interchange_control_number)).padStart(4, '0');
      const ack = await x.db.query<{ first: Date }>("SELECT min(created_at) AS first FROM x12_documents WHERE direction = 'inbound' AND transaction_type = '999' AND file_name = $1", [`999-${ctl}.x12`]);
      const first = ack.rows[0]?.first;
      const sub = await x.db.query<{ status: string; sent_at: Date | null }>('SELECT status, sent_at FROM claim_submissions WHERE claim_id = $1 AND version = $2', [p.claim_id, p.version]);
      const row = sub.rows[0];
      const already = inferred.some((i) => i.claimId === p.claim_id && i.version === p.version);
      if (!already && first && first.getTime() <= f.at && row?.status === 'sent' && row.sent_at && row.sent_at.getTime() > f.at) {
        inferred.push({ claimId: p.claim_id, version: p.version, killAtS: f.atS });
      }
    }
  }
  const twoAcks = (await x.db.query<{ file_name: string; claim_id: string | null; version: number | null }>(`
    SELECT a.file_name, s.claim_id, s.version FROM (
      SELECT file_name FROM x12_documents
       WHERE direction = 'inbound' AND transaction_type = '999' AND source = 'sandbox' GROUP BY file_name HAVING count(DISTINCT sha256) > 1
    ) a LEFT JOIN claim_submissions s ON lpad(ltrim(s.interchange_control_number, '0'), 4, '0') = substring(a.file_name from '^999-([0-9]+)[.]x12$')`)).rows;
  const keys = new Set([
    ...dupRows.map((r) => `${r.claim_id}:${r.version}`),
    ...inferred.map((r) => `${r.claimId}:${r.version}`),
    ...twoAcks.map((r) => (r.claim_id ? `${r.claim_id}:${r.version}` : r.file_name)),
  ]);
  const preparedAtKills = x.faults.reduce((n, f) => n + (f.preparedAtKill?.length ?? 0), 0);
  return {
    name: 'claim versions sent twice',
    value: keys.size,
    source: `no sandbox receipt log (SANDBOX_RECEIPT_LOG not supported by this build): claim_submissions / x12_documents rows per claim + version (${dupRows.length}), re-sends inferred from ${preparedAtKills} submission(s) prepared-not-sent at a worker kill (${inferred.length}), 837s with two different 999s (${twoAcks.length}); a lower bound`,
    examples: sample([...dupRows, ...inferred, ...twoAcks.map((r) => ({ twoDifferent999s: r.file_name, claimId: r.claim_id, version: r.version }))]),
    detail: { rowDuplicates: dupRows.length, inferredResends: inferred.length, twoDifferent999s: twoAcks.length, preparedAtKills },
  };
}

async function postedTwice(x: CheckInputs): Promise<Check> {
  const rows = (await x.db.query(`
    SELECT e.exam_id, e.claim_id, coalesce(r.payer_id || ':' || r.trace_number, e.document_id) AS remittance, count(*)::int AS entries
      FROM ledger_entries e LEFT JOIN remittances r ON r.document_id = e.document_id
     WHERE e.source_kind = '835'
     GROUP BY 1, 2, 3 HAVING count(*) > 1`)).rows;
  return { name: '835s posted twice', value: rows.length, source: "ledger_entries of kind '835' per claim and remittance (payer + trace)", examples: sample(rows) };
}

async function unbalanced(x: CheckInputs): Promise<Check> {
  const entries = (await x.db.query('SELECT entry_id, sum(debit_cents)::bigint AS debit, sum(credit_cents)::bigint AS credit FROM ledger_lines GROUP BY entry_id HAVING sum(debit_cents) <> sum(credit_cents)')).rows;
  const exams = (await x.db.query('SELECT exam_id, sum(debit_cents)::bigint AS debit, sum(credit_cents)::bigint AS credit FROM ledger_lines GROUP BY exam_id HAVING sum(debit_cents) <> sum(credit_cents)')).rows;
  const balances = (await x.db.query(`
    SELECT b.exam_id, b.claim_key, b.account, b.balance_cents, coalesce(l.net, 0) AS lines
      FROM ledger_balances b
      LEFT JOIN (SELECT exam_id, coalesce(claim_id, '') AS claim_key, account, sum(debit_cents - credit_cents) AS net FROM ledger_lines GROUP BY 1, 2, 3) l
        ON l.exam_id = b.exam_id AND l.claim_key = b.claim_key AND l.account = b.account
     WHERE b.balance_cents <> coalesce(l.net, 0)`)).rows;
  return {
    name: 'unbalanced ledger entries / exams',
    value: entries.length + exams.length + balances.length,
    source: `ledger_lines per entry (${entries.length}) and per exam (${exams.length}); ledger_balances against their lines (${balances.length})`,
    examples: sample([...entries, ...exams, ...balances]),
  };
}

async function duplicateTasks(x: CheckInputs): Promise<Check> {
  const rows = (await x.db.query("SELECT exam_id, type, claim_id, count(*)::int AS open FROM tasks WHERE status = 'open' AND exam_id IS NOT NULL GROUP BY exam_id, type, claim_id HAVING count(*) > 1")).rows;
  return { name: 'duplicate open tasks', value: rows.length, source: 'tasks open per exam + type + claim', examples: sample(rows) };
}

/**
 * Open exams with nothing pending: no open task, no timer that will fire, no activity or workflow task
 * in flight. Candidates come from the tables (open phase, no open task row); each is asked live (the
 * API's view, Temporal's describe) and counted only if it still has nothing pending a few seconds later.
 */
async function invariant(x: CheckInputs): Promise<Check> {
  const candidates = (await x.db.query<{ exam_id: string }>(`
    SELECT e.exam_id FROM exams e
     WHERE e.phase NOT IN ('closed', 'cancelled')
       AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.exam_id = e.exam_id AND t.status = 'open')`)).rows.map((r) => r.exam_id);
  const idle = async (examId: string): Promise<string | null> => {
    const view = await x.api.call('GET', `/v1/exams/${examId}`, 'supervisor', undefined, { maxAttempts: 5, budgetMs: 30_000 });
    let desc;
    try {
      desc = await x.temporal.workflow.getHandle(`exam:${examId}`).describe();
    } catch (err) {
      return `no workflow (${(err as Error).name})`;
    }
    const exam = view.body as unknown as ExamView;
    if (view.status === 200 && (exam.phase === 'closed' || exam.phase === 'cancelled')) return null;
    if (desc.status.name !== 'RUNNING') return `open exam, workflow ${desc.status.name}`;
    if (view.status !== 200) return null; // cannot tell: not counted
    const pendingActivities = desc.raw.pendingActivities?.length ?? 0;
    const pendingTask = desc.raw.pendingWorkflowTask ? 1 : 0;
    const futureTimers = exam.nextTimers.filter((t) => Date.parse(t.dueAt) > Date.now() - 60_000).length;
    if (exam.openTasks.length > 0 || futureTimers > 0 || pendingActivities > 0 || pendingTask > 0) return null;
    return `phase ${exam.phase}: no open task, no timer, no activity`;
  };
  let suspects = candidates;
  let findings = new Map<string, string>();
  for (let round = 0; round < 3 && suspects.length > 0; round += 1) {
    if (round > 0) await sleep(5000);
    const results = await mapLimit(suspects, 6, async (id) => [id, await idle(id)] as const);
    findings = new Map(results.filter(([, why]) => why !== null) as [string, string][]);
    suspects = [...findings.keys()];
  }
  return {
    name: 'exams violating the invariant',
    value: findings.size,
    source: `${candidates.length} open exam(s) without an open task row, each asked through the API (timers, tasks) and Temporal describe (activities), three times 5 s apart`,
    examples: sample([...findings.entries()].map(([examId, why]) => ({ examId, why }))),
  };
}

async function failedWorkflows(x: CheckInputs): Promise<Check & { runs: { workflowId: string; runId: string; status: string }[] }> {
  const runs: { workflowId: string; runId: string; status: string }[] = [];
  let source = "Temporal visibility: WorkflowType='examWorkflow' (every run)";
  try {
    for await (const wf of x.temporal.workflow.list({ query: "WorkflowType='examWorkflow'" })) runs.push({ workflowId: wf.workflowId, runId: wf.runId, status: wf.status.name });
  } catch (err) {
    source = `per-exam describe (visibility list failed: ${(err as Error).name})`;
    const ids = (await x.db.query<{ exam_id: string }>('SELECT exam_id FROM exam_intakes')).rows.map((r) => r.exam_id);
    await mapLimit(ids, 8, async (id) => {
      try {
        const d = await x.temporal.workflow.getHandle(`exam:${id}`).describe();
        runs.push({ workflowId: d.workflowId, runId: d.runId, status: d.status.name });
      } catch {
        // counted as lost
      }
    });
  }
  const bad = runs.filter((r) => ['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELLED'].includes(r.status));
  return { name: 'failed/terminated workflows', value: bad.length, source, examples: sample(bad), runs };
}

async function nondeterminism(x: CheckInputs, runs: { workflowId: string; runId: string }[]): Promise<Check & { workflowTaskFailures: Record<string, number> }> {
  const NONDET = proto.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR;
  const causes: Record<string, number> = {};
  const hits: { workflowId: string; runId: string; eventId: string }[] = [];
  await mapLimit(runs, 4, async (run) => {
    try {
      const history = await x.temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
      for (const e of history.events ?? []) {
        const failed = e.workflowTaskFailedEventAttributes;
        if (!failed) continue;
        const cause = proto.api.enums.v1.WorkflowTaskFailedCause[failed.cause ?? 0] ?? String(failed.cause);
        causes[cause] = (causes[cause] ?? 0) + 1;
        const message = failed.failure?.message ?? '';
        if (failed.cause === NONDET || /Nondeterminism|TMPRL1100|DeterminismViolation/.test(message)) hits.push({ ...run, eventId: String(e.eventId) });
      }
    } catch {
      // a run whose history cannot be read is not evidence either way
    }
  });
  let logHits = 0;
  for (const file of x.workerLogs) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (/Nondeterminism|TMPRL1100|DeterminismViolation/.test(line)) logHits += 1;
  }
  return {
    name: 'nondeterminism errors',
    value: hits.length + logHits,
    source: `WorkflowTaskFailed events in ${runs.length} run histories (${hits.length}) and worker log lines (${logHits})`,
    examples: sample(hits),
    workflowTaskFailures: causes,
  };
}

export async function runChecks(x: CheckInputs): Promise<{ checks: Check[]; extra: Record<string, unknown> }> {
  const checks: Check[] = [];
  const step = async <T extends Check>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    x.log(`checking: ${what}`);
    try {
      const c = await fn();
      checks.push(c);
      return c;
    } catch (err) {
      const failed: Check = { name: what, value: 1, source: `the check itself failed: ${(err as Error).message.slice(0, 300)}`, examples: [] };
      checks.push(failed);
      return undefined;
    }
  };
  await step('lost exams', () => lostExams(x));
  const sent = await step('claim versions sent twice', () => claimsSentTwice(x));
  await step('835s posted twice', () => postedTwice(x));
  await step('unbalanced ledger entries / exams', () => unbalanced(x));
  await step('duplicate open tasks', () => duplicateTasks(x));
  await step('exams violating the invariant', () => invariant(x));
  const failed = await step('failed/terminated workflows', () => failedWorkflows(x));
  const nondet = await step('nondeterminism errors', () => nondeterminism(x, failed?.runs ?? []));
  const submissionSeconds = (await x.db.query<{ p50: number | null; p99: number | null; max: number | null; prepared: number }>(`
    SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at))::float AS p50,
           percentile_disc(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at))::float AS p99,
           max(extract(epoch FROM sent_at - created_at))::float AS max,
           (SELECT count(*)::int FROM claim_submissions WHERE status = 'prepared') AS prepared
      FROM claim_submissions WHERE sent_at IS NOT NULL`).catch(() => ({ rows: [] }))).rows[0];
  const runsByStatus = (failed?.runs ?? []).reduce<Record<string, number>>((acc, r) => ((acc[r.status] = (acc[r.status] ?? 0) + 1), acc), {});
  for (const c of checks) delete (c as Partial<{ runs: unknown }>).runs;
  return { checks, extra: { submissionPreparedToSentSeconds: submissionSeconds, claimSends: sent && 'detail' in sent ? sent.detail : undefined, workflowRunsByStatus: runsByStatus, workflowTaskFailuresByCause: nondet?.workflowTaskFailures ?? {} } };
}
