// (d) The engine's vector suite passes in Chromium too (DESIGN §6.5).

import { expect, test } from '@playwright/test';

test('the self-test page runs every engine vector ok in the browser', async ({ page }) => {
  await page.goto('/selftest.html');
  await expect(page.locator('body')).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  const summary = await page.getByRole('status').textContent();
  const total = Number(await page.locator('body').getAttribute('data-total'));
  const failed = Number(await page.locator('body').getAttribute('data-failed'));
  expect(total, summary ?? '').toBeGreaterThan(0);
  expect(failed, summary ?? '').toBe(0);
  await expect(page.getByRole('table', { name: 'Vector results' }).getByRole('row')).toHaveCount(total + 1);
});
