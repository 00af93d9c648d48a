// (e) Offline: the app, Monaco and its worker all come from this origin; no request leaves 127.0.0.1.

import { expect, test } from '@playwright/test';
import { freshApp, idle } from './helpers.ts';

test('no request leaves 127.0.0.1', async ({ page, context }) => {
  const urls: string[] = [];
  const workers: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  page.on('worker', (w) => workers.push(w.url()));
  // Anything that would leave the machine fails instead of hanging the test.
  await context.route(/^(?!https?:\/\/127\.0\.0\.1[:/]|data:|blob:)/, (route) => route.abort());

  await freshApp(page);
  await page.getByRole('button', { name: 'Run to end' }).click();
  await idle(page);
  // Hover an element name so the hover widget (and its codicons) load too.
  await page.locator('.monaco-editor .view-line span span', { hasText: 'Envelope' }).first().hover();
  await expect(page.getByRole('tooltip').filter({ hasText: 'SOAP' })).toBeVisible();
  // Word completion (Ctrl+Space) runs in Monaco's editor worker: it must start from this origin.
  await page.locator('.monaco-editor .view-line').first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Space');
  await expect.poll(() => workers.length).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  await page.goto('/selftest.html');
  await expect(page.locator('body')).toHaveAttribute('data-done', 'true', { timeout: 60_000 });

  expect(urls.length).toBeGreaterThan(3);
  const away = urls.filter((u) => !/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(u));
  expect(away).toEqual([]);
  expect(workers.every((u) => /^http:\/\/127\.0\.0\.1:4173\/assets\/editor\.worker-[\w-]+\.js$/.test(u)), workers.join()).toBe(true);
});
