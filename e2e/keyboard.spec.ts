// (c) The keyboard: ArrowRight / ArrowLeft step when focus is not in the editor; Ctrl+Enter
// delivers from the editor; every control is reachable by Tab.

import { expect, test } from '@playwright/test';
import { freshApp, idle } from './helpers.ts';

test('ArrowRight and ArrowLeft step through the flow', async ({ page }) => {
  await freshApp(page);
  const verdict = page.getByRole('region', { name: 'Verdict' });
  const step = (n: number) => page.getByRole('button', { name: new RegExp(`^Step ${n}:`) });

  await expect(step(1)).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('ArrowRight'); // delivers step 1
  await idle(page);
  await expect(verdict).toContainText('Accepted');
  await page.keyboard.press('ArrowRight'); // moves to step 2
  await expect(step(2)).toHaveAttribute('aria-current', 'step');
  await expect(verdict).toContainText('Not delivered yet');
  await page.keyboard.press('ArrowLeft');
  await expect(step(1)).toHaveAttribute('aria-current', 'step');
  await expect(verdict).toContainText('Accepted');

  // Arrows inside the editor move the cursor, not the step.
  await page.locator('.monaco-editor .view-line').first().click();
  await page.keyboard.press('ArrowRight');
  await expect(step(1)).toHaveAttribute('aria-current', 'step');
});

test('Ctrl+Enter delivers from the editor', async ({ page }) => {
  await freshApp(page);
  await page.locator('.monaco-editor .view-line').first().click();
  await page.keyboard.press('Control+Enter');
  await idle(page);
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText('Accepted');
});

test('the toolbar buttons are reachable by Tab and show focus', async ({ page }) => {
  await freshApp(page);
  const seen = new Set<string>();
  for (let i = 0; i < 40 && seen.size < 4; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
    if (['Forward', 'Deliver', 'Play', 'Scenario'].includes(name.trim())) seen.add(name.trim());
  }
  expect([...seen].sort()).toEqual(['Deliver', 'Forward', 'Play', 'Scenario']);
  const deliver = page.getByRole('button', { name: 'Deliver', exact: true });
  await deliver.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(deliver).toBeFocused();
  expect(await deliver.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe('none');
});
