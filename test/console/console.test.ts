import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import { buildApp } from '../../api/app';
import { respondToClaimFile } from '../../domain/sandbox-payer';
import type { Role } from '../../platform/roles';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';
import { testConfig } from '../support/test-env';

/**
 * The staff console in a real browser (Debian's Chromium, headless) against the real API, PostgreSQL and
 * Temporal: what front desk, billers, supervisors and coders see and do, with an accessibility check
 * (axe-core) of every screen and a screenshot of each, written as test artefacts to test-results/console/
 * (`CONSOLE_SCREENSHOTS=docs/screenshots` refreshes the ones the README shows).
 */
const ROOT = path.resolve(__dirname, '../..');
const CONSOLE_DIR = path.join(ROOT, 'dist', 'console');
const SHOTS = path.resolve(ROOT, process.env.CONSOLE_SCREENSHOTS ?? path.join('test-results', 'console'));
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => Boolean(p && fs.existsSync(p)));
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

if (!CHROMIUM) {
  // Loud: the browser tests are part of `npm test`; only a machine without Chromium skips them.
  process.stderr.write('\n*** SKIPPING the console browser tests: no Chromium at /usr/bin/chromium (apt-get install -y chromium, or set CHROMIUM_PATH) ***\n\n');
}
const browserDescribe = CHROMIUM ? describe : describe.skip;

let h: ApiHarness;
let d: ExamDriver;
let base: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(CONSOLE_DIR, 'index.html'))) {
    // `npm test` builds the console first; a single file run builds it here
    execFileSync(process.execPath, [require.resolve('vite/bin/vite.js'), 'build', '--config', 'console/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
  h = await startApiHarness();
  d = new ExamDriver(h);
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
}, 180_000);
afterAll(async () => h?.close());

describe('served by the API', () => {
  test('the console, its pages and its files; security headers with a CSP of its own assets, never framed', async () => {
    const page = await fetch(`${base}/console/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    // no inline script: every script is a file of the console
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    // a page of the app reloaded in the browser is the app; a missing asset is a 404, never the app
    const deep = await fetch(`${base}/console/exams/ex_anything`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(html);
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetch(`${base}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${base}/console/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/console/assets/..%2F..%2Fpackage.json`)).status).toBe(404);

    const config = (await (await fetch(`${base}/console/config.json`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({ oidc: null, rolesClaim: 'roles' });

    // the API documentation keeps working: its own scripts only, the inline styles swagger-ui draws with, never framed
    const docs = await fetch(`${base}/docs/`, { redirect: 'follow' });
    expect(docs.status).toBe(200);
    const docsCsp = docs.headers.get('content-security-policy')!;
    expect(docsCsp).toContain("script-src 'self'");
    expect(docsCsp).toContain("frame-ancestors 'none'");
    expect(docsCsp).toContain("style-src 'self' 'unsafe-inline'");
    // and the API's answers carry the headers too
    const api = await fetch(`${base}/v1/tasks`, { headers: bearer(h.tokens.front_desk) });
    expect(api.status).toBe(200);
    expect(api.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  test('not built: /console says how to build it (501); with OpenID Connect configured the sign-in is offered', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-console-'));
    const app = await buildApp({
      config: testConfig({ CONSOLE_DIR: empty, JWT_JWKS_URL: 'http://localhost:1/jwks', OIDC_ISSUER: 'https://login.example.org/realms/rcm', OIDC_CLIENT_ID: 'rcm-console' }),
      db: h.database.db,
      temporal: h.env.client,
      logger: false,
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/console/' });
      expect(res.statusCode).toBe(501);
      expect(res.json()).toMatchObject({ error: { code: 'console_not_built', message: expect.stringContaining('npm run build') } });
      const config = (await app.inject({ method: 'GET', url: '/console/config.json' })).json<Record<string, unknown>>();
      expect(config).toMatchObject({ oidc: { issuer: 'https://login.example.org/realms/rcm', clientId: 'rcm-console', scope: 'openid profile' } });
      // the sign-in page may call the issuer (discovery, token endpoint), nothing else
      const csp = (await app.inject({ method: 'GET', url: '/console/config.json' })).headers['content-security-policy'] as string;
      expect(csp).toContain("connect-src 'self' https://login.example.org");
    } finally {
      await app.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

browserDescribe('in the browser', () => {
  let browser: Browser;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM!, headless: true, args: ['--no-sandbox'] });
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => browser?.close());
  afterEach(() => {
    // the console runs under its CSP without a single refusal
    expect(cspViolations).toEqual([]);
  });

  /** A signed-in tab; the facilities of the test database have no time zone, so times are the browser's (`timezoneId`). */
  async function open(role: Role, timezoneId = 'America/Chicago'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, timezoneId });
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
    await page.goto(`${base}/console/`);
    await page.getByRole('textbox', { name: 'Bearer token' }).fill(h.tokens[role]);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return { context, page };
  }

  /** axe-core on what the page shows now: no serious or critical violation. */
  async function accessible(page: Page, screen: string): Promise<void> {
    await page.evaluate(AXE);
    const violations = await page.evaluate<{ id: string; impact: string; help: string; targets: string[] }[]>(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
    );
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect({ screen, serious }).toEqual({ screen, serious: [] });
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  test('front desk: signs in with a token, resolves an eligibility task from My work; a task someone else holds is refused in plain words', async () => {
    const examId = await d.intake({ memberId: 'INACTIVE-UI1' });
    const task = await d.openTask(examId, 'eligibility-review');
    const heldExam = await d.intake({ memberId: 'INACTIVE-UI2' });
    const held = await d.openTask(heldExam, 'eligibility-review');
    expect((await d.call('POST', `/v1/tasks/${held.taskId}/claim`, 'supervisor')).status).toBe(200);

    const { context, page } = await open('front_desk');
    const signIn = await context.newPage();
    await signIn.goto(`${base}/console/`);
    await accessible(signIn, 'sign-in');
    await shot(signIn, 'sign-in');
    await signIn.close();

    // only the screens of the role
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveTexts(['My work']);
    const resolveButton = page.getByRole('button', { name: `Resolve eligibility review for exam ${examId}` });
    await resolveButton.waitFor();
    expect(await page.getByRole('row').filter({ hasText: examId }).textContent()).toMatch(/high/);
    await accessible(page, 'my-work');
    await shot(page, 'my-work');

    await resolveButton.click();
    const dialog = page.getByRole('dialog', { name: 'Resolve: eligibility review' });
    await dialog.waitFor();
    // the actions the engine allows for this task type
    await expect(dialog.locator('label.radio')).toHaveTexts(['self pay', 'update coverage', 'cancel', 'recheck', 'verified manually']);
    await dialog.getByRole('radio', { name: 'verified manually' }).check();
    await dialog.getByRole('button', { name: /^Resolve as/ }).click();
    // inline validation before anything is sent
    const reference = dialog.getByRole('textbox', { name: 'Reference' });
    expect(await reference.getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('must not be empty').waitFor();
    await accessible(page, 'resolve-dialog');
    await shot(page, 'resolve-dialog');
    await reference.fill('PORTAL-778812');
    await dialog.getByRole('button', { name: /^Resolve as/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Resolved: eligibility review for exam ${examId}.`).waitFor();
    await resolveButton.waitFor({ state: 'detached' });
    const [resolved] = (await d.tasks(examId, 'resolved')).filter((t) => t.taskId === task.taskId);
    expect(resolved).toMatchObject({ status: 'resolved', resolutionAction: 'verified-manually', resolvedBy: 'user-front_desk' });

    // the supervisor holds the other one: the engine's 409, said in plain words
    await page.getByRole('button', { name: `Resolve eligibility review for exam ${heldExam}` }).click();
    const second = page.getByRole('dialog');
    await second.getByRole('radio', { name: 'recheck' }).check();
    await second.getByRole('button', { name: /^Resolve as/ }).click();
    await second.getByRole('alert').getByText(/Someone else is working on this task\. Ask them, or a supervisor, to release it first\./).waitFor();
    await second.getByRole('button', { name: 'Cancel' }).click();
    expect((await d.tasks(heldExam, 'open')).map((t) => t.taskId)).toEqual([held.taskId]);
    await context.close();
  });

  test('biller: opens a denied exam, reads the 835 denial and the X12 sent, resolves denial-work with a corrected claim, sees version 2 go out', async () => {
    const examId = await d.intake({ payerId: 'commercial-a', memberId: 'PARTIAL-UI3', cpt: '72100', modality: 'DX' });
    await d.waitPhase(examId, 'awaiting_exam');
    expect((await d.performed(examId, { procedures: [{ cpt: '72100', units: 1 }, { cpt: '72040', units: 1 }] })).status).toBe(200);
    await d.waitPhase(examId, 'awaiting_report');
    expect((await d.report(examId)).status).toBe(200);
    const denied = await d.waitPhase(examId, 'appeal');
    const claimId = denied.claims[0]!.claimId;
    await d.openTask(examId, 'denial-work');

    const { context, page } = await open('biller');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveTexts(['My work', 'Remittances']);
    await page.getByLabel('Open exam').fill(examId);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(`Claim ${claimId}`) }).waitFor();
    // the payer's reasons, as the 835 gave them, in words
    await page.getByText('CO-97: Paid as part of another service already processed (contractual)').waitFor();
    await page.getByRole('cell', { name: '835', exact: true }).first().waitFor();
    await page.getByRole('heading', { name: 'Ledger' }).waitFor();
    await page.getByText(/Insurance open/).waitFor();
    await accessible(page, 'exam');
    await shot(page, 'exam-denied');

    // the exact 837 sent, segment by segment with its loops
    await page.getByRole('button', { name: 'Show X12' }).first().click();
    await page.getByRole('table', { name: 'Loop 2300 Claim' }).waitFor();
    await page.getByRole('table', { name: 'Loop 2400 Service line' }).first().waitFor();
    await page.getByRole('table', { name: 'Loop 2010BA Subscriber' }).waitFor();
    await accessible(page, 'exam-x12');
    await shot(page, 'exam-x12');

    await page.getByRole('button', { name: 'Resolve denial work' }).click();
    const dialog = page.getByRole('dialog', { name: 'Resolve: denial work' });
    await dialog.getByRole('radio', { name: 'corrected claim' }).check();
    await dialog.getByRole('textbox', { name: /Note/ }).fill('separate encounters, documented');
    await dialog.getByRole('button', { name: /^Resolve as/ }).click();
    await dialog.waitFor({ state: 'detached' });

    // the coder corrects the lines (a distinct-procedure modifier); the corrected claim goes out as version 2
    const coding = await d.openTask(examId, 'coding-review');
    const correction = {
      action: 'correct',
      lines: [
        { cpt: '72100', units: 1, modifiers: [], diagnosisPointers: [1] },
        { cpt: '72040', units: 1, modifiers: ['XS'], diagnosisPointers: [1] },
      ],
      diagnoses: ['M54.16'],
    };
    expect((await d.resolve(coding.taskId, 'coder', correction)).status).toBe(200);
    await d.waitFor(examId, (e) => (e.claims[0]?.version ?? 0) >= 2, 'version 2 sent');

    await page.reload();
    await page.getByText(/^Claim version 2 · 837/).waitFor();
    await page.getByRole('button', { name: 'Show X12' }).nth(1).click();
    const clm = page.getByRole('table', { name: 'Loop 2300 Claim' }).getByRole('row').filter({ hasText: 'CLM' });
    // a replacement claim: frequency 7, the payer's claim number in REF*F8
    expect(await clm.textContent()).toMatch(/:B:7/);
    await page.getByRole('table', { name: 'Loop 2300 Claim' }).getByRole('row').filter({ hasText: 'REF' }).filter({ hasText: 'F8' }).waitFor();
    await page.getByRole('table', { name: 'Loop 2400 Service line' }).getByText('HC:72040:XS').waitFor();
    await shot(page, 'exam-corrected-claim');
    await context.close();
  });

  test('supervisor: reads an exam timeline and the A/R aging chart, KPIs and denials; audit trail and chain; admin reference data', async () => {
    const examId = await d.intake({ memberId: 'NORESP-UI4' });
    await d.waitPhase(examId, 'awaiting_exam');
    expect((await d.performed(examId)).status).toBe(200);
    await d.waitPhase(examId, 'awaiting_report');
    expect((await d.report(examId)).status).toBe(200);
    await d.waitPhase(examId, 'adjudication');

    // in UTC, the zone of the test exams' dates of service: the report's default "as of" (today) includes them
    const { context, page } = await open('supervisor', 'UTC');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveTexts(['My work', 'Remittances', 'Reports', 'Admin', 'Audit']);
    await page.goto(`${base}/console/exams/${examId}`);
    const timeline = page.getByRole('list', { name: 'Exam timeline, oldest first' });
    await timeline.getByText('exam workflow started').waitFor();
    await timeline.getByText('claim (837) submitted').waitFor();
    // times in the facility's zone (here the browser's)
    expect(await timeline.locator('time').first().textContent()).toMatch(/UTC$/);
    await accessible(page, 'exam-timeline');
    await shot(page, 'exam-timeline');

    await page.getByRole('link', { name: 'Reports' }).click();
    const chart = page.getByRole('img', { name: /A\/R aging by payer and bucket/ });
    await chart.waitFor();
    // the open claim is in medicare-b's 0-30 bucket, drawn as a bar with its amount
    const bar = page.locator('g.bar-row[data-payer="medicare-b"] rect[data-bucket="0-30"]');
    expect(Number(await bar.getAttribute('width'))).toBeGreaterThan(0);
    expect(await page.locator('g.bar-row[data-payer="medicare-b"]').textContent()).toMatch(/\$[\d,]+\.\d{2}/);
    await page.getByRole('heading', { name: 'Clean claim rate' }).waitFor();
    await page.getByRole('heading', { name: 'Days in A/R' }).waitFor();
    // the denials of the period (the biller's denied exam, when that test ran first) by reason, or plainly none
    const denials = (await d.call('GET', '/v1/reports/denials', 'supervisor')).body as { total: { denials: number } };
    if (denials.total.denials > 0) await page.getByRole('table', { name: 'By reason (CARC)' }).getByText('CO-97').waitFor();
    else await page.getByText('No denials in this period.').waitFor();
    const csv = page.waitForEvent('download');
    await page.getByRole('region', { name: 'A/R aging' }).getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await csv).path();
    const text = fs.readFileSync(file!, 'utf8');
    expect(text.split('\r\n')[0]).toBe('responsibility,payer,0-30 (USD),31-60 (USD),61-90 (USD),91-120 (USD),120+ (USD),open (USD),credit balances (USD)');
    expect(text).toMatch(/insurance,medicare-b,\d+\.\d{2},/);
    await accessible(page, 'reports');
    await shot(page, 'reports');

    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Verify the whole chain' }).click();
    await page.getByText(/^Intact: \d+ rows checked/).waitFor();
    await page.getByLabel('Object type').fill('exam');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('table', { name: 'Audit rows' }).getByRole('row').nth(1).waitFor();
    await accessible(page, 'audit');
    await shot(page, 'audit');

    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('cell', { name: 'medicare-b' }).waitFor();
    await page.getByRole('tab', { name: 'Facilities' }).click();
    await page.getByRole('tab', { name: 'Facilities', selected: true }).waitFor();
    await page.getByRole('tab', { name: 'Payer policies' }).click();
    await accessible(page, 'admin');
    await shot(page, 'admin');
    await context.close();
  });

  test('biller: drops an 835 on Remittances and sees where each claim went', async () => {
    const examId = await d.intake({ memberId: 'NORESP-UI5' });
    await d.waitPhase(examId, 'awaiting_exam');
    expect((await d.performed(examId)).status).toBe(200);
    await d.waitPhase(examId, 'awaiting_report');
    expect((await d.report(examId)).status).toBe(200);
    const billed = await d.waitPhase(examId, 'adjudication');
    const claimId = billed.claims[0]!.claimId;
    const sent = await h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12`, headers: bearer(h.tokens.biller) });
    // the payer's answer to the claim as sent (the sandbox payer, told the member is one it pays)
    const files = respondToClaimFile(sent.body.replace(/NORESP-[A-Z0-9]+/, '1EG4TE5MK73'), bundledRefData(), { date: '2027-01-15', time: '0900' });
    const era = files.find((f) => f.transactionType === '835')!.x12;

    const { context, page } = await open('biller');
    await page.getByRole('link', { name: 'Remittances' }).click();
    await page.getByRole('heading', { name: 'Unmatched work' }).waitFor();
    await page.getByLabel('Choose 835, 999 or 277CA files to upload').setInputFiles({ name: 'payer-remit.835', mimeType: 'text/plain', buffer: Buffer.from(era) });
    const row = page.getByRole('row').filter({ hasText: examId });
    await row.getByText('signaled').waitFor({ timeout: 30_000 });
    await page.getByText(/835 payer-remit\.835 · 1 claim\(s\) · delivered/).waitFor();
    // a file that is no payer response is refused before anything is sent
    await page.getByLabel('Choose 835, 999 or 277CA files to upload').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.getByText('This is not an 835, 999 or 277CA file (no ST segment of those types near its start).').waitFor();
    await accessible(page, 'remittances');
    await shot(page, 'remittances');
    await d.waitFor(examId, (e) => e.claims[0]?.status === 'paid', 'the 835 posted');
    await context.close();
  });

  test('single sign-on: OpenID Connect authorization code with PKCE against the issuer; the code leaves the address bar, the token never enters it', async () => {
    // An identity provider of our own: discovery, authorize (asks nothing: redirects back with a code), token (checks PKCE), JWKS.
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'console-test', alg: 'RS256', use: 'sig' };
    const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>();
    let issuer = '';
    const seen: string[] = [];
    const idp = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', issuer);
      seen.push(`${req.method} ${url.pathname}`);
      const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' };
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', ...cors });
        res.end(JSON.stringify(value));
      };
      if (req.method === 'OPTIONS') return void res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST' }).end();
      if (url.pathname === '/.well-known/openid-configuration') return json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` });
      if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
      if (url.pathname === '/authorize') {
        const q = url.searchParams;
        if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return json(400, { error: 'invalid_request' });
        const code = randomBytes(12).toString('hex');
        codes.set(code, { challenge: q.get('code_challenge')!, redirectUri: q.get('redirect_uri')!, clientId: q.get('client_id')! });
        res.writeHead(302, { location: `${q.get('redirect_uri')}?code=${code}&state=${encodeURIComponent(q.get('state') ?? '')}` });
        return void res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        let raw = '';
        req.on('data', (c: Buffer) => (raw += c.toString()));
        req.on('end', () => {
          const form = new URLSearchParams(raw);
          const grant = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          if (!grant || grant.redirectUri !== form.get('redirect_uri') || grant.clientId !== form.get('client_id') || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
            return json(400, { error: 'invalid_grant' });
          }
          void new SignJWT({ roles: ['biller'] })
            .setProtectedHeader({ alg: 'RS256', kid: 'console-test' })
            .setSubject('sso-biller')
            .setIssuer(issuer)
            .setIssuedAt()
            .setExpirationTime('10m')
            .sign(privateKey)
            .then((token) => json(200, { access_token: token, token_type: 'Bearer', expires_in: 600 }));
        });
        return;
      }
      json(404, { error: 'not_found' });
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const app = await buildApp({
      config: testConfig({ JWT_JWKS_URL: `${issuer}/jwks`, JWT_ISSUER: issuer, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'rcm-console' }),
      db: h.database.db,
      temporal: h.env.client,
      logger: false,
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const sso = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      const page = await context.newPage();
      page.on('console', (msg) => {
        if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
      });
      const visited: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) visited.push(frame.url());
      });
      await page.goto(`${sso}/console/`);
      await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveTexts(['My work', 'Remittances']);
      await page.getByText('sso-biller (biller)').waitFor();
      // the API took the issuer's token (RS256 through the JWKS): the queue loads
      await page.getByRole('heading', { name: 'Open tasks' }).waitFor();
      await page.getByText(/^Loading your queue/).waitFor({ state: 'detached' });
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(page.url()).toBe(`${sso}/console/`);
      expect(visited.some((u) => u.startsWith(`${sso}/console/callback?code=`))).toBe(true);
      const stored = await page.evaluate<string>('JSON.stringify(sessionStorage)');
      const token = (JSON.parse(JSON.parse(stored)['rcm.console.session'] as string) as { token: string }).token;
      expect(token.split('.')).toHaveLength(3);
      for (const u of visited) expect(u).not.toContain(token);
      expect(seen).toEqual(expect.arrayContaining(['GET /.well-known/openid-configuration', 'GET /authorize', 'POST /token', 'GET /jwks']));
      // the callback opened again (from the history) exchanges nothing: the code leaves the address bar, the session stays
      await page.goto(visited.find((u) => u.includes('/console/callback?code='))!);
      await page.getByRole('heading', { name: 'Open tasks' }).waitFor();
      expect(page.url()).toBe(`${sso}/console/`);
      expect(seen.filter((r) => r === 'POST /token')).toHaveLength(1);
      await context.close();
    } finally {
      await app.close();
      await new Promise((resolve) => idp.close(resolve));
    }
  });

  test("coder: the supervisor's pages are not offered and are refused when opened; sign-out forgets the token", async () => {
    const { context, page } = await open('coder');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveTexts(['My work']);
    for (const [url, what] of [['/console/reports', 'Reports'], ['/console/audit', 'Audit'], ['/console/admin', 'Admin']] as const) {
      await page.goto(`${base}${url}`);
      await page.getByRole('heading', { name: 'Not available to you' }).waitFor();
      await page.getByText(new RegExp(`^${what} needs the`)).waitFor();
    }
    await accessible(page, 'refused');
    await shot(page, 'refused');
    // the API refuses the coder too: the page only mirrors it
    const status = await page.evaluate(async (token) => (await fetch('/v1/reports/ar-aging', { headers: { authorization: `Bearer ${token}` } })).status, h.tokens.coder);
    expect(status).toBe(403);

    expect(await page.evaluate<string>('JSON.stringify(sessionStorage)')).toContain(h.tokens.coder);
    expect(page.url()).not.toContain(h.tokens.coder);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('textbox', { name: 'Bearer token' }).waitFor();
    expect(await page.evaluate<string>('JSON.stringify(sessionStorage)')).not.toContain(h.tokens.coder);
    await page.reload();
    await page.getByRole('textbox', { name: 'Bearer token' }).waitFor();
    await context.close();
  });
});

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveTexts(expected: string[]): Promise<R>;
    }
  }
}

/** The texts of a locator's elements, waited for (up to 10 s, across navigations) to equal the list. */
expect.extend({
  async toHaveTexts(locator: { allTextContents(): Promise<string[]> }, expected: string[]) {
    const deadline = Date.now() + 10_000;
    let actual: string[] = [];
    for (;;) {
      try {
        actual = (await locator.allTextContents()).map((t) => t.trim());
      } catch {
        // the page is navigating (a sign-in redirect): read again
      }
      if (this.equals(actual, expected) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const pass = this.equals(actual, expected);
    return { pass, message: () => `expected texts ${this.utils.printExpected(expected)}, got ${this.utils.printReceived(actual)}` };
  },
});
