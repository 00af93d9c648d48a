// An x509-mutual step in the message pane: its signed and encrypted parts are marked (bars, glyphs,
// the legend), the ds:Signature links to what it references, the report's canonical view reveals a
// reference's target, and the Decrypted tab shows the Body the service decrypted. Legacy
// algorithms carry a badge.

import { expect, test } from '@playwright/test';
import { editorTextOf, freshApp, idle, openScenario, openVariant, partsOf } from './helpers.ts';

test('signed and encrypted parts of an x509-mutual request are marked, linked to their Signature, and decrypted', async ({ page }) => {
  await freshApp(page);
  await openScenario(page, 'x509-mutual');

  // Marked before delivery: messageParts needs no keys.
  await expect.poll(async () => (await partsOf(page)).parts.filter((p) => p.kind === 'signed').map((p) => p.path.split('/').pop()))
    .toEqual(expect.arrayContaining(['Action', 'MessageID', 'To', 'Timestamp', 'Body']));
  const parts = (await partsOf(page)).parts;
  expect(parts.filter((p) => p.kind === 'encrypted').map((p) => p.path)).toEqual(expect.arrayContaining([expect.stringMatching(/EncryptedData$/)]));
  const legend = page.getByRole('group', { name: 'Signed and encrypted parts' });
  await expect(legend).toContainText(`signed (${parts.filter((p) => p.kind === 'signed').length})`);
  await expect(page.locator('.monaco-editor .wsb-glyph-signed').first()).toBeVisible();
  await expect(page.locator('.monaco-editor .wsb-glyph-encrypted').first()).toBeVisible();

  // The legend's toggle (the keyboard's way) highlights every element the Signature references.
  const toggle = legend.getByRole('button', { name: /Signature\s+covers/ });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const signedLines = parts.filter((p) => p.kind === 'signed').map((p) => p.startLine);
  await expect.poll(async () => (await partsOf(page)).linked.lines).toEqual(expect.arrayContaining(signedLines));
  await toggle.click();
  await expect.poll(async () => (await partsOf(page)).linked.signature).toBeNull();

  // Hovering the ds:Signature does the same.
  await page.evaluate(() => window.wsbenchEditor?.select('<ds:Signature'));
  await page.locator('.monaco-editor .view-line span span', { hasText: /^ds:Signature$/ }).first().hover();
  await expect.poll(async () => (await partsOf(page)).linked.signature).toBe('Envelope/Header/Security/Signature');

  // Deliver: the report's canonical view names each reference; its path reveals the element.
  await page.getByRole('button', { name: 'Deliver', exact: true }).click();
  await idle(page);
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText('Accepted');
  const signature = page.getByRole('list', { name: 'Checks' }).getByRole('listitem').filter({ has: page.getByRole('button', { name: /^info WSS_SIGNATURE:/ }) });
  await signature.getByRole('button', { name: 'Canonical view' }).click();
  const refs = signature.getByRole('list', { name: 'References' }).getByRole('listitem');
  await expect(refs.filter({ hasText: '#TS-' })).toHaveAccessibleName(/digest matches/);
  await refs.filter({ hasText: '#TS-' }).getByRole('button', { name: 'Canonical bytes' }).click();
  await expect(signature.getByLabel(/^Canonical bytes of reference #TS-/)).toContainText('<wsu:Timestamp');
  await refs.filter({ hasText: '#TS-' }).getByRole('button', { name: 'Envelope/Header/Security/Timestamp' }).click();
  await expect.poll(() => page.evaluate(() => window.wsbenchEditor?.cursor().lineText ?? '')).toContain('<wsu:Timestamp');

  // The decrypted Body, beside the wire text.
  await page.getByRole('tab', { name: 'Decrypted' }).click();
  await expect.poll(() => editorTextOf(page, 'decrypted')).toContain('Hello from wsbench');
  await expect(page.getByRole('region', { name: 'Decrypted parts' })).toContainText('Envelope/Body');
  await expect(page.getByRole('region', { name: 'Decrypted parts' }).getByRole('list', { name: 'Key chain' })).toContainText("the receiver's private key");
  await page.getByRole('tab', { name: 'Wire' }).click();
});

test('legacy algorithms carry a badge in the report and the key chain', async ({ page }) => {
  await freshApp(page);
  await openScenario(page, 'x509-mutual');
  await openVariant(page, 'tripledesrsa15-sign-encrypt');
  await page.getByRole('button', { name: 'Deliver', exact: true }).click();
  await idle(page);
  const checks = page.getByRole('list', { name: 'Checks' });
  const legacyRows = checks.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^warning XENC_LEGACY_ALGORITHM/ }) });
  await expect(legacyRows.first()).toContainText('legacy');
  const decrypted = checks.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^info WSS_DECRYPTED:/ }) });
  await decrypted.getByRole('button', { name: 'Key chain' }).click();
  await expect(decrypted.getByRole('list', { name: 'Key chain' })).toContainText('rsa-1_5');
  await expect(decrypted.getByRole('list', { name: 'Key chain' }).locator('.legacy-badge').first()).toBeVisible();
  await expect(decrypted.locator('.dec-view')).toContainText('tripledes-cbc');
});
