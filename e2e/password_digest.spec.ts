// (a) PasswordDigest: step through, change the digest in the pane, deliver, see the rejection with
// the failed check and its marker on the Password line; the edit survives a reload.

import { expect, test } from '@playwright/test';
import { freshApp, idle, markers, openVariant, passwordValue, ready, retypePassword } from './helpers.ts';

const FORGED = 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=';

test('a changed PasswordDigest is rejected, marked on its line, and kept across a reload', async ({ page }) => {
  await freshApp(page);
  await openVariant(page, 'password-digest');
  const verdict = page.getByRole('region', { name: 'Verdict' });
  const checks = page.getByRole('list', { name: 'Checks' });

  // Step through as produced: request accepted, then the response.
  await expect(verdict).toContainText('Not delivered yet');
  await page.getByRole('button', { name: 'Forward', exact: true }).click();
  await expect(verdict).toContainText('Accepted');
  await expect(checks.getByRole('button', { name: /^passed UT_DIGEST_OK/ })).toBeVisible();
  await page.getByRole('button', { name: 'Forward', exact: true }).click();
  await expect(page.getByRole('button', { name: /^Step 2:/ })).toHaveAttribute('aria-current', 'step');
  await page.getByRole('button', { name: 'Forward', exact: true }).click();
  await expect(verdict).toContainText('Accepted');
  await page.getByRole('button', { name: /^Step 1:/ }).click();
  await expect(page.getByRole('button', { name: /^Step 1:/ })).toHaveAttribute('aria-current', 'step');

  // Tamper with the digest and deliver again.
  expect(await passwordValue(page)).not.toBe(FORGED);
  await retypePassword(page, FORGED);
  await expect(page.getByText('edited', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Deliver', exact: true }).click();
  await idle(page);
  await expect(verdict).toContainText('Rejected');
  await expect(verdict).toContainText('unexpected');
  const failed = checks.getByRole('button', { name: /^failed \w*DIGEST\w*/ });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('UT 1.1');

  await expect
    .poll(async () => (await markers(page)).filter((m) => m.owner === 'wsbench.report' && m.severity === 'error'))
    .toEqual([expect.objectContaining({ lineText: expect.stringContaining('<wsse:Password'), message: expect.stringMatching(/DIGEST/) })]);
  // The glyph in the margin is on screen as well.
  await expect(page.locator('.monaco-editor .wsb-glyph-fail')).toHaveCount(1);

  // Clicking the failed check puts the cursor on its line.
  await page.locator('.monaco-editor .view-line').first().click();
  expect(await page.evaluate(() => window.wsbenchEditor?.cursor().line)).toBe(1);
  await failed.click();
  await expect.poll(() => page.evaluate(() => window.wsbenchEditor?.cursor().lineText ?? '')).toContain('<wsse:Password');
  expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(true);

  await page.reload();
  await ready(page);
  await expect(verdict).toContainText('Rejected');
  expect(await passwordValue(page)).toBe(FORGED);
  await expect(page.getByText('edited', { exact: true })).toBeVisible();
});
