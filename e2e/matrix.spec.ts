// Matrix mode (DESIGN §2, seed 001 table 3-3): the 28 rows of the OpenSSO token matrix beside the
// engine's decisions, all agreeing; a row opens (by click or by keyboard) on the engine's reasons.

import { expect, test } from '@playwright/test';
import { freshApp } from './helpers.ts';

test("the token matrix: 28 rows agree with the seed; row 12 is refused for want of an OnBehalfOf subject", async ({ page }) => {
  await freshApp(page);
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect(page.getByRole('tab', { name: 'Matrix' })).toHaveAttribute('aria-selected', 'true');

  const table = page.getByRole('table', { name: 'OpenSSO STS token generation matrix' });
  await expect(table.getByRole('button', { name: /^Row \d+$/ })).toHaveCount(28);
  await expect(table.getByRole('row')).toHaveCount(29); // the heading row and 28 rows, none open
  await expect(page.getByText('28 of 28 agree')).toBeVisible();
  await expect(page.getByText(/table 3-3 보안 토큰 생성 매트릭스/)).toBeVisible();

  // Row 12: sender-vouches without OnBehalfOf — the seed says 오류, the engine refuses.
  const row12 = table.getByRole('row').filter({ has: page.getByRole('button', { name: 'Row 12', exact: true }) });
  await expect(row12).toContainText('Sender-vouches (Oracle)');
  await expect(row12).toContainText('오류');
  await expect(row12).toContainText('STS_SENDER_VOUCHES_WITHOUT_SUBJECT');
  await expect(row12).toContainText('✓ agrees');

  await page.getByRole('button', { name: 'Row 12', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Row 12', exact: true })).toHaveAttribute('aria-expanded', 'true');
  const reasons = page.getByRole('list', { name: "Engine's reasons for row 12" });
  await expect(reasons.getByRole('listitem').filter({ hasText: 'OnBehalfOf' })).toHaveCount(1);
  const decided = page.getByRole('group', { name: 'Row 12: how the engine decided' });
  await expect(decided).toContainText('STS_SENDER_VOUCHES_WITHOUT_SUBJECT');
  await expect(decided).toContainText('wst:InvalidRequest');

  // The keyboard: ↓ moves to row 13, Enter opens it; Enter again closes it.
  await expect(page.getByRole('button', { name: 'Row 12', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const row13 = page.getByRole('button', { name: 'Row 13', exact: true });
  await expect(row13).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row13).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('list', { name: "Engine's reasons for row 13" }).getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(row13).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('End');
  await expect(page.getByRole('button', { name: 'Row 28', exact: true })).toBeFocused();

  // The mode is saved with the workspace: a reload comes back to the matrix.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Matrix' })).toHaveAttribute('aria-selected', 'true');
  await expect(table.getByRole('button', { name: /^Row \d+$/ })).toHaveCount(28);
});
