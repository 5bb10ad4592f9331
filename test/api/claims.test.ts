import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSubmitClaim } from '../../activities/claims/submit-claim';
import { createSandboxClearinghouse } from '../../activities/clearinghouse/sandbox';
import { ingestX12 } from '../../activities/ingestion/ingest-x12';
import { claimSubmission, insertExam, recordingTemporal } from '../activities/claim-fixture';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';

let h: ApiHarness;
let dir: string;
const examIds: string[] = [];
const raws: Record<string, string> = {};

beforeAll(async () => {
  h = await startApiHarness();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rcm-claims-api-'));
  const { db } = h.database;
  const temporal = recordingTemporal().client;
  const clearinghouse = createSandboxClearinghouse({ deliver: (f) => ingestX12({ db, temporal }, { raw: f.x12, source: 'sandbox', fileName: f.name }) });
  const submitClaim = createSubmitClaim({ db, clearinghouse: { ...clearinghouse, submit: async (file) => { raws[file.name] = file.x12; await clearinghouse.submit(file); } } });
  for (const member of ['1EG4TE5MK73', 'DENY197A', 'NORESP01']) {
    const examId = await insertExam(db, member);
    examIds.push(examId);
    await submitClaim(claimSubmission(examId));
  }
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, token = h.tokens.biller) => h.app.inject({ method: 'GET', url, headers: bearer(token) });

describe('GET /v1/claims', () => {
  it('lists claims with filters and cursor pagination', async () => {
    const paid = await get(`/v1/claims?examId=${examIds[0]}`);
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ items: [{ claimId: `${examIds[0]}-G`, status: 'paid', payerId: 'medicare-b', form: '837P', kind: 'global', chargeCents: 150000 }], nextCursor: null });
    expect((await get('/v1/claims?status=denied')).json<{ items: { examId: string }[] }>().items.map((c) => c.examId)).toContain(examIds[1]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { claimId: string }[]; nextCursor: string | null } = (await get(`/v1/claims?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.claimId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(examIds.map((e) => `${e}-G`)));
    expect((await get('/v1/claims?cursor=%%%')).statusCode).toBe(400);
  });
});

describe('GET /v1/claims/{claimId}', () => {
  it('shows the claim with its submission and status history', async () => {
    const res = await get(`/v1/claims/${examIds[1]}-G`, h.tokens.supervisor);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ status: string; submissions: unknown[]; history: { status: string; source: string; statusCodes: string[] }[] }>();
    expect(body.status).toBe('denied');
    expect(body.submissions).toHaveLength(1);
    expect(body.history.map((x) => x.status)).toEqual(['submitted', 'acknowledged', 'accepted', 'denied']);
    expect(body.history[3]!.statusCodes).toContain('CO-197');
    expect((await get('/v1/claims/nope')).statusCode).toBe(404);
    expect((await get(`/v1/claims/${examIds[1]}-G`, h.tokens.integration)).statusCode).toBe(403);
  });

  it('returns exactly the X12 that was sent', async () => {
    const res = await get(`/v1/claims/${examIds[2]}-G/x12`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/edi-x12');
    expect(res.body).toBe(raws[`837P-${examIds[2]}-G-v1.x12`]);
    expect((await get(`/v1/claims/${examIds[2]}-G/x12?version=9`)).statusCode).toBe(404);
  });
});
