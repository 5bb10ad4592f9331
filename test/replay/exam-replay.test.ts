import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { createDataConverter } from '../../platform/data-converter';
import { testConfig } from '../support/test-env';
import { BUNDLED_2026_12, BUNDLED_2026_12B } from '../../workflows/exam/workflow';
import { REPLAY_BOUND_MS, REPLAY_CONFIG } from './replay-key';

const dir = path.join(__dirname, 'histories');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];

/**
 * Recorded exam histories (RCM_RECORD_HISTORIES=1 npm test records them) replayed against the
 * current workflow code: any nondeterminism fails. Changing workflow code under running exams
 * needs `patched` until these replay clean.
 */
test('recorded exam histories replay without nondeterminism', async () => {
  expect(files.length).toBeGreaterThanOrEqual(8);
  const histories = files.map((f) => ({ workflowId: f.replace(/\.json$/, ''), history: temporal.api.history.v1.History.decode(Buffer.from((JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { history: string }).history, 'base64')) }));
  const codePath = process.env.RCM_TEST_WORKFLOW_BUNDLE;
  const dataConverter = createDataConverter(testConfig(REPLAY_CONFIG));
  const results = Worker.runReplayHistories({ ...(codePath ? { workflowBundle: { codePath } } : { workflowsPath: require.resolve('../../workflows') }), dataConverter }, histories);
  const failures: string[] = [];
  for await (const r of results) if (r.error) failures.push(`${r.workflowId}: ${r.error.message}`);
  expect(failures).toEqual([]);
}, REPLAY_BOUND_MS);

/**
 * Exams started since December 2026 take these patches under one marker (`exam-patches-2026-12`): a patch added to
 * the set later would apply to them on replay although they ran without it. A new patch is asked on its own.
 */
test('the December 2026 patch bundle keeps the patches it was recorded with', () => {
  expect([...BUNDLED_2026_12].sort()).toEqual([
    'authorizations-on-file', 'cancelled-exam-releases-authorization', 'closed-exam-waits-for-open-work', 'exam-appeal-vehicles',
    'exam-calendar-year-filing', 'exam-claim-changes', 'exam-claim-identities', 'exam-claim-own-payer', 'exam-claims-from-coding',
    'exam-coding-billable-components', 'exam-coverage-updates', 'exam-intake-row-by-intake', 'exam-ledger-postings', 'exam-line-denials',
    'exam-no-show-review', 'exam-order-changes', 'exam-payment-reversals', 'exam-policy-by-activity', 'exam-recorded-only-effects-inline',
    'exam-records-local-activities', 'exam-remittance-classified-by-activity', 'exam-remittance-work', 'exam-secondary-billing',
    'exam-secondary-policy-loaded', 'exam-secondary-policy-signal', 'exam-stalled-check', 'exam-transitions-local',
    'exam-update-answers-when-applied', 'exam-view-projection', 'exam-work-failure-tasks', 'performed-details',
  ]);
});

/** The second bundle (`exam-patches-2026-12b`): the first one's patches and the staff-answer patch, fixed in the same way. */
test('the second December 2026 bundle is the first one and the patches added since', () => {
  expect([...BUNDLED_2026_12B].filter((p) => !BUNDLED_2026_12.has(p)).sort()).toEqual(['exam-staff-update-answered-first']);
  expect([...BUNDLED_2026_12].every((p) => BUNDLED_2026_12B.has(p))).toBe(true);
});
