import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleRoot, type StartedServer, startExampleServer } from './start-server.js';

/**
 * The portal in Debian's Chromium against the running example server: what a person sees.
 * Screenshots go to `test-artifacts/browser/`.
 */
const artifacts = join(exampleRoot, '../../test-artifacts/browser');
const scenarioAlert = (name: string) =>
  JSON.parse(readFileSync(join(exampleRoot, '../scenarios', name, 'scenario.json'), 'utf8')).alerts[0]
    .payload;

let server: StartedServer;
let browser: Browser;
let page: Page;

async function postAlertmanager(payload: unknown) {
  const res = await fetch(`${server.url}/api/webhooks/alertmanager/alertmanager-main`, {
    method: 'POST',
    body: JSON.stringify(payload),
    headers: { 'content-type': 'application/json', authorization: 'Bearer browser-am-token' },
  });
  expect(res.status).toBe(202);
  return (await res.json()) as { incidents: Array<{ id: string }> };
}

const shot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  // The portal is built as `pnpm demo` builds it (a clean checkout has no portal/dist).
  const built = spawnSync(process.execPath, [join(exampleRoot, 'scripts/build-portal.mjs')], {
    cwd: exampleRoot,
    stdio: 'inherit',
  });
  expect(built.status).toBe(0);
  server = await startExampleServer({
    AURORA_TOKEN: 'browser-token',
    ALERTMANAGER_WEBHOOK_TOKEN: 'browser-am-token',
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

describe('portal in a real browser', () => {
  it('shows a new alert in the incident list without a reload', async () => {
    await page.goto(`${server.url}/incidents`);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Live' }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'KubePodCrashLooping' }).count()).toBe(0);
    await postAlertmanager(scenarioAlert('oom-killed'));
    await page.getByRole('link', { name: 'KubePodCrashLooping' }).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByText('payments').count()).toBeGreaterThan(0);
    await shot('01-list-live');
  });

  it('opens the incident, streams its thoughts and opens a citation', async () => {
    await page.getByRole('link', { name: 'KubePodCrashLooping' }).first().click();
    await page.getByRole('heading', { name: 'KubePodCrashLooping' }).waitFor();
    const thoughts = page.getByRole('log', { name: 'Investigation thoughts' });
    await expect.poll(() => thoughts.locator('li').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByText('Investigation: complete').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByText(/OOMKilled/).count()).toBeGreaterThan(0);
    await shot('02-detail-thoughts');

    const badge = page.getByRole('button', { name: /^Citation \d+: kubectl/ }).first();
    await badge.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByLabel('Command output').textContent()).toMatch(/\S/);
    expect(await dialog.textContent()).toMatch(/kubectl/);
    await shot('03-citation');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('applies the proposed fix: a pull request opens on the (fake) GitHub', async () => {
    await page.getByRole('tab', { name: /Suggestions/ }).click();
    const fixes = page.getByRole('region', { name: 'Code fixes' });
    await fixes.getByText('Raise the payments memory limit from 256Mi to 512Mi').waitFor({ timeout: 15_000 });
    await shot('04-fix-diff');
    await fixes.getByRole('button', { name: 'Apply fix' }).click();
    const link = page.getByRole('link', { name: /Pull request #\d+/ });
    await link.waitFor({ timeout: 15_000 });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/\/fake-github\/acme\/billing\/pull\/\d+$/);
    const pr = await (await fetch(href)).text();
    expect(pr).toContain('Raise the payments memory limit from 256Mi to 512Mi');
    expect(pr).toContain('## Root cause');
    const pulls = (await (await fetch(`${server.url}/fake-github/pulls`)).json()) as Array<{
      head: { ref: string };
      base: { ref: string };
    }>;
    expect(pulls.at(-1)?.head.ref).toMatch(/^aurora\/fix-incident-.+-\d+$/);
    expect(pulls.at(-1)?.base.ref).toBe('main');
    await shot('05-fix-pr');
  });

  it('merges another incident into this one and resolves it with a postmortem', async () => {
    const targetUrl = page.url();
    const { incidents } = await postAlertmanager(scenarioAlert('crashloop-missing-env'));
    const sourceId = incidents[0]!.id;
    await page.goto(`${server.url}/incidents/${sourceId}`);
    await page.getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge incident' });
    await dialog.waitFor();
    await dialog.getByRole('radio').first().check();
    await shot('06-merge-dialog');
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => page.getByText(/Merged/).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await page.goto(targetUrl);
    await page.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => page.getByText('Resolved').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/Postmortem/i).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await shot('07-resolved-postmortem');
  });
});
