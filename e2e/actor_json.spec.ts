// Every actor's state is editable as JSON in the Actors tab: the STS's configuration decides who
// may ask for tokens, and the engine — not the UI — refuses alice once she is no longer listed.

import { expect, test, type Page } from '@playwright/test';
import { freshApp, idle, openScenario, openVariant } from './helpers.ts';

async function openStsEditor(page: Page) {
  await openScenario(page, 'sts-issuance');
  await openVariant(page, 'saml11-bearer-trust13');
  await page.getByRole('tab', { name: 'Actors' }).click();
  const card = page.getByRole('article', { name: 'STS state' });
  const toggle = card.getByRole('button', { name: 'Edit JSON of STS' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const box = card.getByRole('textbox', { name: 'STS state (JSON)' });
  await expect(box).toBeFocused();
  return { card, toggle, box };
}

test("removing alice from the STS's authorized requesters makes it refuse her request", async ({ page }) => {
  await freshApp(page);
  const { card, toggle, box } = await openStsEditor(page);
  const state = JSON.parse(await box.inputValue()) as { config: { authorizedRequesters: string[] }; users?: unknown };
  // The registry table keeps the users; the JSON holds the rest.
  expect(state.users).toBeUndefined();
  expect(state.config.authorizedRequesters).toContain('alice');
  state.config.authorizedRequesters = state.config.authorizedRequesters.filter((r) => r !== 'alice');
  await box.fill(JSON.stringify(state, null, 2));
  await card.getByRole('button', { name: 'Apply JSON to STS' }).click();
  await idle(page);

  // The step is produced again with the new state, pending; the editor closes, focus is back on the toggle.
  const verdict = page.getByRole('region', { name: 'Verdict' });
  await expect(verdict).toContainText('Not delivered yet');
  await expect(box).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(card.getByRole('table', { name: 'STS user registry' }).getByRole('textbox', { name: 'Password of alice' })).toBeVisible();

  await page.getByRole('button', { name: 'Deliver', exact: true }).click();
  await idle(page);
  await expect(verdict).toContainText('Rejected');
  await expect(page.getByRole('list', { name: 'Checks' }).getByRole('button', { name: /^failed STS_NOT_AUTHORIZED/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Step 1:.*rejected, unexpected/ })).toBeVisible();

  // The edited state is what the STS had: opening the editor again shows it without alice.
  await toggle.click();
  const again = JSON.parse(await box.inputValue()) as { config: { authorizedRequesters: string[] } };
  expect(again.config.authorizedRequesters).not.toContain('alice');
});

test('a JSON syntax error shows its line:column, keeps the text and leaves the run alone', async ({ page }) => {
  await freshApp(page);
  const { card, box } = await openStsEditor(page);
  const original = await box.inputValue();
  // Drop the comma after the first property: line 3 then starts where a ',' or '}' was expected.
  const broken = original.replace(/^(\s*"id": "sts"),$/m, '$1');
  expect(broken).not.toBe(original);
  await box.fill(broken);
  await box.press('Control+Enter');

  // The message is the editor's description: next to it on screen, read out with it.
  await expect(box).toHaveAccessibleDescription("JSON error at 3:3 — expected ',' or '}' after a property value, found '\"'");
  await expect(box).toHaveValue(broken);
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText('Not delivered yet');

  // "Go to error" puts the caret where the text breaks.
  await card.getByRole('button', { name: 'Go to error' }).click();
  await expect(box).toBeFocused();
  const caret = await box.evaluate((el) => (el as HTMLTextAreaElement).selectionStart);
  expect(caret).toBe(broken.split('\n').slice(0, 2).join('\n').length + 1 + 2);

  // Hiding the editor keeps the draft; Cancel drops it and shows the state again.
  const toggle = card.getByRole('button', { name: 'Edit JSON of STS' });
  await toggle.click();
  await expect(card.getByText('unsaved JSON')).toBeVisible();
  await toggle.click();
  await expect(box).toHaveValue(broken);
  await card.getByRole('button', { name: 'Cancel editing STS JSON' }).click();
  await expect(toggle).toBeFocused();
  await toggle.click();
  await expect(box).toHaveValue(original);
});
