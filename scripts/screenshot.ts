// Screenshots of the built app for the README: `npx vite build && npx tsx scripts/screenshot.ts [url]`.
// Without a URL it starts `vite preview` on port 4181 itself. Saves, all 1600×1000:
// - docs/screenshot.png: the replay variant run to the end, on the replayed request the service
//   refuses as expected;
// - docs/screenshot-rejected.png: a PasswordDigest request whose digest was changed in the pane;
// - docs/screenshot-x509.png: an x509-mutual request with its signed and encrypted parts marked,
//   the signature's references highlighted and its canonical view open;
// - docs/screenshot-inspector.png: that request in the inspector with the service's key, decrypted;
// - docs/screenshot-compare.png: the request against a copy with one character changed;
// - docs/screenshot-matrix.png: seed 001's token matrix beside the engine's decisions, row 12 open;
// and prints how long runToEnd took in Chromium. `--only matrix` saves just the matrix screenshot.

import { chromium, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const PORT = 4181;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function stopPreview(server: ChildProcess): void {
  if (server.pid !== undefined) process.kill(-server.pid, 'SIGTERM');
}

async function startPreview(): Promise<{ url: string; server: ChildProcess }> {
  // Its own process group, so stopping it stops vite under npx too (else the script never exits).
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const url = `http://127.0.0.1:${PORT}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, server };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stopPreview(server);
  throw new Error(`vite preview did not answer on ${url}`);
}

async function idle(page: Page): Promise<void> {
  await page.locator('.app[aria-busy="false"]').waitFor();
}

async function openVariant(page: Page, variant: string): Promise<void> {
  await page.getByLabel('Variant').selectOption(variant);
  await idle(page);
  await page.locator('.monaco-editor .view-lines').waitFor();
}

async function changeDigest(page: Page): Promise<void> {
  const text = await page.evaluate(() => window.wsbenchEditor?.text() ?? '');
  const digest = /#PasswordDigest">([^<]+)</.exec(text)?.[1];
  if (!digest) throw new Error('no PasswordDigest in the pane');
  await page.locator('.view-line span', { hasText: digest }).last().dblclick();
  await page.keyboard.type('AAAAAAAAAAAAAAAAAAAAAAAAAAA=');
}

async function x509Step(page: Page): Promise<void> {
  await page.getByLabel('Scenario').selectOption('x509-mutual');
  await idle(page);
  await page.getByRole('button', { name: 'Forward', exact: true }).click();
  await idle(page);
  await page.getByRole('button', { name: /^Signature\s+covers/ }).click();
  const signature = page.getByRole('list', { name: 'Checks' }).locator('.check', { hasText: 'WSS_SIGNATURE' }).first();
  await signature.getByRole('button', { name: 'Canonical view' }).click();
  await signature.getByRole('button', { name: 'Canonical bytes' }).first().click();
  await signature.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'docs/screenshot-x509.png' });
  console.log('saved docs/screenshot-x509.png');
}

async function inspector(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open in the inspector' }).click();
  await page.getByRole('tab', { name: 'Keys (PKI)' }).click();
  await page.getByRole('button', { name: 'Use service as receiver' }).click();
  await page.getByRole('button', { name: 'Inspect', exact: true }).click();
  await idle(page);
  await page.getByRole('tab', { name: 'Decrypted' }).click();
  const signature = page.getByRole('list', { name: 'Checks' }).locator('.check', { hasText: 'WSS_SIGNATURE' }).first();
  await signature.getByRole('button', { name: 'Canonical view' }).click();
  await signature.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(600);
  await page.screenshot({ path: 'docs/screenshot-inspector.png' });
  console.log('saved docs/screenshot-inspector.png');
}

async function compare(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Compare two messages' }).click();
  await page.getByRole('button', { name: 'Take scenario step as ours' }).click();
  await page.getByRole('button', { name: 'Take scenario step as theirs' }).click();
  await page.evaluate(() => window.wsbenchEditors?.compareB?.select('echo:Echo<'));
  await page.keyboard.type('echo:Echa<');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await idle(page);
  await page.locator('.cmp-ref.ref-bad').first().scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'docs/screenshot-compare.png' });
  console.log('saved docs/screenshot-compare.png');
}

async function matrix(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await page.getByRole('button', { name: 'Row 12', exact: true }).click();
  await page.getByRole('list', { name: "Engine's reasons for row 12" }).waitFor();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshot-matrix.png' });
  console.log('saved docs/screenshot-matrix.png');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
  const given = args[0];
  const preview = given ? null : await startPreview();
  const url = given ?? preview!.url;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
    await page.goto(url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await idle(page);
    mkdirSync('docs', { recursive: true });
    if (only === 'matrix') {
      await matrix(page);
      return;
    }

    // Time to run the scenario to the end in this browser.
    await openVariant(page, 'password-text-https');
    await page.getByRole('button', { name: 'Run to end' }).click();
    await idle(page);
    console.log(`runToEnd(usernametoken/password-text-https): ${await page.locator('body').getAttribute('data-run-ms')} ms`);

    await openVariant(page, 'replay');
    await page.getByRole('button', { name: 'Run to end' }).click();
    await idle(page);
    await page.getByRole('button', { name: /^Step 3:/ }).click();
    await page.getByRole('tab', { name: 'Actors' }).click();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    await page.screenshot({ path: 'docs/screenshot.png' });
    console.log('saved docs/screenshot.png');

    await openVariant(page, 'password-digest');
    await page.getByRole('button', { name: 'Forward', exact: true }).click();
    await idle(page);

    await changeDigest(page);
    await page.getByRole('button', { name: 'Deliver', exact: true }).click();
    await idle(page);
    await page.getByRole('button', { name: /UT_DIGEST_MISMATCH/ }).first().click();
    await page.waitForTimeout(600);
    await page.screenshot({ path: 'docs/screenshot-rejected.png' });
    console.log('saved docs/screenshot-rejected.png');

    await x509Step(page);
    await inspector(page);
    await compare(page);
    await matrix(page);
  } finally {
    await browser.close();
    if (preview) stopPreview(preview.server);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
