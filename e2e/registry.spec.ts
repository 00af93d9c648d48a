// The service's user registry is editable in the Actors tab: a changed password makes the same
// request fail authentication, as the engine decides — not as the UI guesses.

import { expect, test } from '@playwright/test';
import { freshApp, idle } from './helpers.ts';

test("changing alice's password in the registry makes the service refuse her request", async ({ page }) => {
  await freshApp(page);
  const verdict = page.getByRole('region', { name: 'Verdict' });
  await page.getByRole('tab', { name: 'Actors' }).click();
  const registry = page.getByRole('table', { name: 'Service user registry' });
  await registry.getByRole('textbox', { name: 'Password of alice' }).fill('not-her-password');
  await page.getByRole('button', { name: 'Apply registry' }).click();
  await idle(page);
  // The step is produced again with the new registry, and pending.
  await expect(verdict).toContainText('Not delivered yet');
  await expect(registry.getByRole('textbox', { name: 'Password of alice' })).toHaveValue('not-her-password');
  await page.getByRole('button', { name: 'Deliver', exact: true }).click();
  await idle(page);
  await expect(verdict).toContainText('Rejected');
  await expect(verdict).toContainText('unexpected');
  await expect(page.getByRole('list', { name: 'Checks' }).getByRole('button', { name: /^failed \w*PASSWORD\w*/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Step 1:.*rejected, unexpected/ })).toBeVisible();
});
