// Issue 4, "seeing it": the SAML assertion as a token card, the proof key's chain (entropy → P_SHA1
// → proof key → EncryptedKey for the service → the signature made with it), the STS's four
// decisions as a checklist at the top of its report, and every matrix row opening its flow.

import { expect, test, type Page } from '@playwright/test';
import { freshApp, idle, openScenario, openVariant } from './helpers.ts';

const step = (page: Page, n: number) => page.getByRole('group', { name: 'Message flow' }).getByRole('button', { name: new RegExp(`^Step ${n}:`) });
const viewTab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Message view' }).getByRole('tab', { name, exact: true });

async function runVariant(page: Page, variant: string): Promise<void> {
  await freshApp(page);
  await openScenario(page, 'sts-issuance');
  await openVariant(page, variant);
  await page.getByRole('button', { name: 'Run to end' }).click();
  await idle(page);
}

/** A secret the step on screen recorded (the Secrets tab), e.g. 'issued proofKey'. */
async function secret(page: Page, name: string): Promise<string> {
  await page.getByRole('tab', { name: 'Secrets' }).click();
  const value = page.getByRole('table', { name: 'Secrets' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).getByRole('cell');
  return (await value.innerText()).trim();
}

test('hok-symmetric-entropy: four decisions pass, the token card, the proof-key chain with P_SHA1', async ({ page }) => {
  await runVariant(page, 'saml11-hok-symmetric-entropy-trust13');

  // Step 1: the STS's report opens on its four decisions, in order, all passed, with their codes.
  await step(page, 1).click();
  const decisions = page.getByRole('region', { name: "The STS's four decisions" });
  await expect(decisions.getByRole('listitem')).toHaveText([/^✓\s*1\..*STS_ISSUE_REQUEST/s, /^✓\s*2\..*STS_TOKEN_TYPE/s, /^✓\s*3\..*STS_REQUESTER_AUTHORIZED/s, /^✓\s*4\..*STS_KEY_DECISION/s]);
  for (const n of [1, 2, 3, 4]) await expect(decisions.getByRole('listitem', { name: `Decision ${n}: passed` })).toBeVisible();
  await expect(decisions).toContainText('✓ all 4 passed');
  await expect(viewTab(page, 'Token')).toHaveAttribute('aria-disabled', 'true');

  // Step 2, the RSTR: the Token view shows the card.
  await step(page, 2).click();
  const stsEntropy = await secret(page, 'issued stsEntropy');
  const proofKey = await secret(page, 'issued proofKey');
  await viewTab(page, 'Token').click();
  await expect(viewTab(page, 'Token')).toHaveAttribute('aria-selected', 'true');
  const card = page.getByRole('region', { name: 'SAML token card' });
  const issued = card.getByRole('region', { name: 'Issued' });
  await expect(issued).toContainText('Issuerhttps://sts.wsbench.example/sts');
  await expect(issued).toContainText('Subjectalice');
  await expect(issued).toContainText('urn:oasis:names:tc:SAML:1.0:cm:holder-of-key');
  await expect(card.getByRole('region', { name: 'Conditions' })).toContainText('https://service.wsbench.example/echo');
  await expect(card.getByRole('region', { name: "Issuer's signature" })).toContainText('CN=sts.wsbench.example');
  const proof = card.getByRole('region', { name: 'Proof key' });
  await expect(proof).toContainText('symmetric proof key');
  await expect(proof).toContainText(/xenc:EncryptedKey for CN=service\.wsbench\.example \(RSA-OAEP, ThumbprintSHA1 \S+\)/);
  await expect(card.getByRole('button', { name: 'Copy the EncryptedKey CipherValue' })).toBeVisible();

  // The Proof key view: entropy → P_SHA1 (its output is the key the STS issued) → … → signature at step 3.
  await viewTab(page, 'Proof key').click();
  const chain = page.getByRole('list', { name: 'Proof-key chain, from its origin to its use' });
  await expect(chain.getByRole('listitem', { name: 'STS entropy' })).toContainText(stsEntropy);
  const psha1 = chain.getByRole('listitem', { name: 'P_SHA1' });
  await expect(psha1).toContainText('recomputed here by the engine');
  await expect(psha1).toContainText(proofKey);
  const key = chain.getByRole('listitem', { name: 'Proof key' });
  await expect(key).toContainText(proofKey);
  await expect(key).toContainText('✓ = the key the STS issued');
  await expect(key).toContainText('✓ = the key the client computed');
  await expect(chain.getByRole('listitem', { name: 'EncryptedKey for the service' })).toContainText('CN=service.wsbench.example');
  const signature = chain.getByRole('listitem', { name: 'Signature at step 3' });
  await expect(signature).toContainText('hmac-sha1');
  await expect(signature).toContainText('✓ verifies with this proof key');
  await expect(signature).toContainText('SAML_PROOF_OF_POSSESSION');

  // Keyboard stepping keeps working: the chain stays on screen at step 3 (it signs there), the
  // wire text comes back at step 4 (not part of the chain), and the chain again on the way back.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('ArrowRight');
  await expect(step(page, 3)).toHaveAttribute('aria-current', 'step');
  await expect(viewTab(page, 'Proof key')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(step(page, 4)).toHaveAttribute('aria-current', 'step');
  await expect(viewTab(page, 'Wire')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(viewTab(page, 'Proof key')).toHaveAttribute('aria-selected', 'true');
  // A step link in a box goes to that step.
  await chain.getByRole('button', { name: 'Go to step 1' }).first().click();
  await expect(step(page, 1)).toHaveAttribute('aria-current', 'step');
});

test('refused-requester: the checklist shows decision 3 refused with its message, 4 not reached', async ({ page }) => {
  await runVariant(page, 'refused-requester');
  await step(page, 1).click();
  const decisions = page.getByRole('region', { name: "The STS's four decisions" });
  await expect(decisions).toContainText('✗ refused at 3');
  await expect(decisions.getByRole('listitem', { name: 'Decision 1: passed' })).toBeVisible();
  await expect(decisions.getByRole('listitem', { name: 'Decision 2: passed' })).toBeVisible();
  const third = decisions.getByRole('listitem', { name: 'Decision 3: refused' });
  await expect(third).toContainText('STS_NOT_AUTHORIZED');
  await expect(third).toContainText(/expected a requester among alice\b.*, found bob/);
  await expect(decisions.getByRole('listitem', { name: 'Decision 4: not reached' })).toContainText('·');
  // No token was issued: no card, no chain.
  await step(page, 2).click();
  await expect(viewTab(page, 'Token')).toHaveAttribute('aria-disabled', 'true');
  await expect(viewTab(page, 'Proof key')).toHaveAttribute('aria-disabled', 'true');
});

test('a matrix row opens its flow: scenario opensso-sts, variant row-N (by click and by keyboard)', async ({ page }) => {
  await freshApp(page);
  await page.getByRole('tab', { name: 'Matrix' }).click();
  const table = page.getByRole('table', { name: 'OpenSSO STS token generation matrix' });
  await expect(table.getByRole('button', { name: /^Open row \d+ as a flow$/ })).toHaveCount(28);

  await table.getByRole('button', { name: 'Open row 5 as a flow' }).click();
  await idle(page);
  await expect(page.getByRole('tab', { name: 'Scenarios' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('opensso-sts');
  await expect(page.getByRole('combobox', { name: 'Variant' })).toHaveValue('row-5');
  await expect(step(page, 1)).toBeVisible();

  // The keyboard: ↓ to row 7, Tab to its Flow button, Enter.
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await table.getByRole('button', { name: 'Row 6', exact: true }).click();
  await page.keyboard.press('ArrowDown');
  await expect(table.getByRole('button', { name: 'Row 7', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(table.getByRole('button', { name: 'Open row 7 as a flow' })).toBeFocused();
  await page.keyboard.press('Enter');
  await idle(page);
  await expect(page.getByRole('combobox', { name: 'Variant' })).toHaveValue('row-7');
});
