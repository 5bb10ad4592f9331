import { Client } from 'pg';
import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import { respondToClaimFile } from '../../domain/sandbox-payer';
import { findExam } from '../../db/repositories/exams';
import { type ApiHarness, bearer } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';
import { sampleIntake } from '../support/intake-fixture';
import { startApiHarnessOnOwnServer } from '../support/own-test-server';

let h: ApiHarness;
let d: ExamDriver;

// On a time-skipping server of its own: the 31 days it skips fire only this file's timers, not those of every exam
// the files before it left on a shared server.
beforeAll(async () => {
  h = await startApiHarnessOnOwnServer();
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

/** Patients no fixture, code table or reference file shares a word with. */
const PATIENTS = [
  { firstName: 'Zephyrine', lastName: 'Quillfeather', birthDate: '1937-02-19', mrn: 'MRN-ZQ58213', memberId: '7QX9WR2FH48', line1: '4417 Wisteria Hollow' },
  { firstName: 'Bartholomew', lastName: 'Vandersloot', birthDate: '1944-09-03', mrn: 'MRN-BV77140', memberId: '3TK6AM9PD21', line1: '982 Juniperberry Lane' },
];

/** Every value that must never be stored in clear, with the X12 form of each birth date. */
const SECRETS = PATIENTS.flatMap((p) => [p.firstName, p.lastName, p.birthDate, p.birthDate.replaceAll('-', ''), p.memberId, p.mrn, p.line1]);

async function examOf(p: (typeof PATIENTS)[number]): Promise<string> {
  const base = sampleIntake();
  const scheduledAt = new Date((await d.now()) + 2 * 86_400_000).toISOString();
  const res = await d.call('POST', '/v1/exams', 'integration', sampleIntake({
    patient: { ...base.patient, firstName: p.firstName, lastName: p.lastName, birthDate: p.birthDate, mrn: p.mrn, address: { ...base.patient.address, line1: p.line1 } },
    coverages: [{ payerId: 'medicare-b', memberId: p.memberId, relationship: 'self', order: 'primary' }],
    order: { ...base.order, scheduledAt },
  }));
  expect(res.status).toBe(201);
  return res.body.examId as string;
}

/** Uploads a payer file through the ingestion route and waits until its delivery is done. */
async function upload(url: string, x12: string): Promise<{ counts: { unmatched: number } }> {
  const res = await h.app.inject({ method: 'POST', url, headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: x12 });
  expect([200, 202]).toContain(res.statusCode);
  const { statusUrl } = res.json<{ statusUrl: string }>();
  for (let i = 0; i < 300; i += 1) {
    const file = (await h.app.inject({ method: 'GET', url: statusUrl, headers: bearer(h.tokens.biller) })).json<{ status: string; counts: { unmatched: number } }>();
    if (file.status === 'delivered') return file;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the file was not delivered');
}

/** Each row of each table of the database as PostgreSQL prints it (a dump's view), read past the application. */
async function dump(): Promise<{ table: string; text: string }[]> {
  const client = new Client({ connectionString: h.database.url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const rows: { table: string; text: string }[] = [];
    for (const { table_name: table } of tables.rows) {
      const result = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`);
      for (const r of result.rows) rows.push({ table, text: r.row });
    }
    return rows;
  } finally {
    await client.end();
  }
}

test('a dump of the database holds none of the patients’ names, birth dates, member ids, MRNs or addresses in clear; the API still shows them', async () => {
  const examIds: string[] = [];
  for (const p of PATIENTS) examIds.push(await examOf(p));
  const claims: string[] = [];
  for (const examId of examIds) {
    await d.waitPhase(examId, 'awaiting_exam');
    expect((await d.performed(examId)).status).toBe(200);
    await d.waitPhase(examId, 'awaiting_report');
    expect((await d.report(examId)).status).toBe(200);
    // The sandbox payer pays with a patient share: 837 out, 999/277CA/835 in, the 835 posted, a statement rendered.
    const billing = await d.waitPhase(examId, 'patient_balance');
    claims.push(billing.claims[0]!.claimId);
  }
  await d.sleep('31 days');
  for (const examId of examIds) {
    const docs = await d.call('GET', `/v1/exams/${examId}/documents`, 'biller');
    expect((docs.body.documents as { kind: string }[]).some((doc) => doc.kind === 'statement')).toBe(true);
  }

  // A payer's 835 and 277CA for the first patient under a claim reference no exam owns: stored, listed as unmatched work.
  const sent = await h.app.inject({ method: 'GET', url: `/v1/claims/${claims[0]}/x12`, headers: bearer(h.tokens.biller) });
  const files = respondToClaimFile(sent.body, bundledRefData(), { date: '2027-01-15', time: '0900' });
  const remit = files.find((f) => f.transactionType === '835')!;
  const ack = files.find((f) => f.transactionType === '277CA')!;
  const foreign = 'FOREIGN-PHI-1';
  expect((await upload('/v1/remittances', remit.x12.replace(/TRN\*1\*[^*~]+/, 'TRN*1*PHITRACE01').replace(`CLP*${claims[0]}*`, `CLP*${foreign}*`))).counts.unmatched).toBe(1);
  expect((await upload('/v1/acknowledgments', ack.x12.split(claims[0]!).join(foreign))).counts.unmatched).toBe(1);

  const rows = await dump();
  expect(rows.some((r) => r.table === 'x12_documents')).toBe(true);
  const found: string[] = [];
  for (const r of rows) {
    const lower = r.text.toLowerCase();
    for (const secret of SECRETS) {
      // bytea prints as hex: a name in a stored file shows as its bytes' hex
      if (lower.includes(secret.toLowerCase()) || lower.includes(Buffer.from(secret).toString('hex')) || lower.includes(Buffer.from(secret.toUpperCase()).toString('hex'))) {
        found.push(`${r.table}: ${secret}`);
      }
    }
  }
  expect([...new Set(found)]).toEqual([]);

  // Not lost: the application reads them back in clear.
  for (const [i, p] of PATIENTS.entries()) {
    const x12 = await h.app.inject({ method: 'GET', url: `/v1/claims/${claims[i]}/x12`, headers: { authorization: `Bearer ${h.tokens.biller}` } });
    expect(x12.statusCode).toBe(200);
    expect(x12.body).toContain(`*${p.lastName.toUpperCase()}*${p.firstName.toUpperCase()}`);
    expect(x12.body).toContain(p.memberId);
    expect(x12.body).toContain(p.birthDate.replaceAll('-', ''));
    const exam = await d.call('GET', `/v1/exams/${examIds[i]}`, 'biller');
    expect(exam.status).toBe(200);
    const row = await findExam(h.database.db, examIds[i]!);
    expect(row!.patient).toMatchObject({ firstName: p.firstName, lastName: p.lastName, birthDate: p.birthDate, mrn: p.mrn });
    expect(row!.coverages).toEqual([expect.objectContaining({ memberId: p.memberId })]);
  }
});
