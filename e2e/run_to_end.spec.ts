// Every UsernameToken variant runs to the end in Chromium with every step as expected; the time
// runToEnd takes in the page is reported (body[data-run-ms]).

import { expect, test } from '@playwright/test';
import { freshApp, idle, openVariant } from './helpers.ts';

test('every usernametoken variant runs to the end as expected', async ({ page }) => {
  await freshApp(page);
  const variants = await page.getByRole('combobox', { name: 'Variant' }).locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(variants.length).toBeGreaterThanOrEqual(5);
  const timings: string[] = [];
  for (const variant of variants) {
    await openVariant(page, variant);
    await page.getByRole('button', { name: 'Run to end' }).click();
    await idle(page);
    const arrows = page.getByRole('group', { name: 'Message flow' }).getByRole('button', { name: /^Step \d+:/ });
    const names = await arrows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(names.length, variant).toBeGreaterThanOrEqual(2);
    for (const name of names) expect(name, variant).toMatch(/as expected$/);
    const ms = await page.locator('body').getAttribute('data-run-ms');
    expect(Number(ms)).toBeGreaterThan(0);
    timings.push(`${variant}: ${ms} ms`);
  }
  test.info().annotations.push({ type: 'runToEnd', description: timings.join(', ') });
  console.log(`runToEnd in Chromium — ${timings.join(', ')}`);
});
