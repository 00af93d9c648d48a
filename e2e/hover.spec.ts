// Hover on an element name explains it: what it is, which spec, its namespace (DESIGN decision 8).

import { expect, test } from '@playwright/test';
import { freshApp } from './helpers.ts';

test('hovering wsse:UsernameToken explains it with its spec reference and namespace', async ({ page }) => {
  await freshApp(page);
  await page.locator('.monaco-editor .view-line span span', { hasText: /^wsse:UsernameToken$/ }).first().hover();
  const hover = page.getByRole('tooltip').filter({ hasText: 'UsernameToken' });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('UT 1.1');
  await expect(hover).toContainText('oasis-200401-wss-wssecurity-secext-1.0.xsd');
});
