// Issue 5, "seeing it": the key-derivation view (SCT secret → P_SHA1(secret, label ‖ nonce) →
// offset/length → key → the Signature and EncryptedData that use it), recomputed live when an input
// is edited; each actor's session table following the stepping; and the compromised-secret
// demonstration — the forgery with the leaked secret ACCEPTED, the guessed one refused beside it.

import { expect, test, type Page } from '@playwright/test';
import { freshApp, idle, openScenario, openVariant } from './helpers.ts';
import { pSha1 } from '../test/crypto/node_psha1.ts';

const stepButton = (page: Page, label: RegExp) => page.getByRole('group', { name: 'Message flow' }).getByRole('button', { name: label });
const details = (page: Page) => page.getByRole('tablist', { name: 'Step details' });

/** The base64 value in a box's "base64" row (or the nth one). */
async function base64In(box: import('@playwright/test').Locator, nth = 0): Promise<string> {
  return (await box.locator('.dk-bytes dd code').nth(nth * 2).innerText()).trim();
}

async function arrow(page: Page, key: 'ArrowRight' | 'ArrowLeft'): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
  await idle(page);
}

test('sc13, both entropies, encrypted: the derivation view, recompute, and the session tables as we step', async ({ page }) => {
  await freshApp(page);
  await openScenario(page, 'secure-conversation');
  await openVariant(page, 'sc13-entropy-both-encrypted');
  await details(page).getByRole('tab', { name: 'Key derivation' }).click();
  const view = page.getByRole('region', { name: 'Key derivation' });

  // Step by keyboard to the first application request and deliver it (RST, RSTR, then step 3).
  for (let i = 0; i < 5; i++) await arrow(page, 'ArrowRight');
  await expect(stepButton(page, /^Step 3: Application request \(round 1\)/)).toHaveAttribute('aria-current', 'step');
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText('Accepted');

  // Two DerivedKeyTokens: the signing key first.
  const dkts = view.getByRole('tablist', { name: 'DerivedKeyTokens in this message' }).getByRole('tab');
  await expect(dkts).toHaveCount(2);
  await expect(dkts.nth(0)).toContainText('signature');
  await expect(dkts.nth(1)).toContainText('encryption');
  const chain = view.getByRole('list', { name: /^Key derivation of DK-/ });
  const context = chain.getByRole('listitem', { name: 'Security context' });
  const psha1 = chain.getByRole('listitem', { name: 'P_SHA1' });
  const key = chain.getByRole('listitem', { name: 'Derived key' });
  const usedBy = chain.getByRole('listitem', { name: 'Used by' });
  await expect(context).toContainText(/urn:uuid:[0-9a-f-]{36}/);
  await expect(context).toContainText('instance 1');
  await expect(psha1).toContainText('P_SHA1(secret, label ‖ nonce)');
  await expect(psha1).toContainText('"WS-SecureConversationWS-SecureConversation"');
  await expect(psha1).toContainText('byte 0');
  await expect(psha1).toContainText('24 bytes');
  const agree = key.getByRole('list', { name: 'Agreement' });
  await expect(agree).toContainText('= the key Initiator (client.wsbench.example) used');
  await expect(agree).toContainText('= the key Recipient and its trust service derived (SC_DKT_DERIVED)');
  await expect(usedBy).toContainText('ds:Signature');
  await expect(usedBy).toContainText('hmac-sha1');
  await expect(usedBy).toContainText('✓ verified');
  await expect(usedBy).toContainText('Body');

  // The key on screen is P_SHA1 of the secret and the seed on screen, as Node computes it.
  const secretB64 = await base64In(context);
  const nonceB64 = (await psha1.locator('.dk-row').nth(2).locator('code').innerText()).trim();
  const keyB64 = await base64In(key);
  const seed = Buffer.concat([Buffer.from('WS-SecureConversationWS-SecureConversation'), Buffer.from(nonceB64, 'base64')]);
  expect(keyB64).toBe(pSha1(Buffer.from(secretB64, 'base64'), seed, 24).toString('base64'));

  // Recompute: another nonce gives another key, which the view says is not the message's.
  await view.getByRole('button', { name: 'Recompute' }).click();
  await expect(view.getByRole('button', { name: 'Recompute' })).toHaveAttribute('aria-pressed', 'true');
  const nonce = view.getByRole('textbox', { name: 'Nonce (base64)' });
  await expect(nonce).toHaveValue(nonceB64);
  await nonce.fill('AAAAAAAAAAAAAAAAAAAAAA==');
  await expect(agree).toContainText('≠ the key Initiator (client.wsbench.example) used');
  await expect(agree).toContainText('≠ the key Recipient and its trust service derived');
  const other = pSha1(Buffer.from(secretB64, 'base64'), Buffer.concat([Buffer.from('WS-SecureConversationWS-SecureConversation'), Buffer.alloc(16)]), 24).toString('base64');
  await expect(key.locator('.dk-bytes dd code').first()).toHaveText(other);
  await nonce.fill('not base64');
  await expect(view.getByRole('alert')).toContainText('the nonce');
  await view.getByRole('button', { name: "Reset to the message's values" }).click();
  await expect(agree).toContainText('= the key Initiator (client.wsbench.example) used');
  await view.getByRole('button', { name: 'Recompute' }).click();

  // The encryption key: used by the Body's EncryptedData, decrypted.
  await dkts.nth(1).click();
  await expect(usedBy).toContainText('xenc:EncryptedData');
  await expect(usedBy).toContainText('aes256-cbc');
  await expect(usedBy).toContainText('✓ decrypted');

  // The session tables: the same context on both sides, two keys each so far (sent / received).
  await details(page).getByRole('tab', { name: 'Sessions' }).click();
  const initiator = page.getByRole('region', { name: 'Initiator (client.wsbench.example) session table' });
  const recipient = page.getByRole('region', { name: 'Recipient and its trust service session table' });
  await expect(initiator).toContainText('active');
  const keysOf = (table: import('@playwright/test').Locator) => table.getByRole('table').getByRole('rowheader', { name: /^DK-/ });
  await expect(keysOf(initiator)).toHaveCount(2);
  await expect(initiator.getByRole('table')).toContainText('→ sent');
  await expect(recipient.getByRole('table')).toContainText('← received');
  await expect(initiator.getByRole('table')).toContainText(keyB64);
  await expect(recipient.getByRole('table')).toContainText(keyB64);
  // The secret is masked until revealed; revealed, it is the one the derivation started from.
  await expect(initiator).not.toContainText(secretB64);
  await initiator.getByRole('button', { name: /^Reveal the secret of urn:uuid:/ }).click();
  await expect(initiator).toContainText(secretB64);

  // Keyboard stepping still works from here, and the tables follow: the response adds two keys.
  await arrow(page, 'ArrowRight');
  await arrow(page, 'ArrowRight');
  await expect(stepButton(page, /^Step 6: Application response \(round 1\)/)).toHaveAttribute('aria-current', 'step');
  await expect(keysOf(initiator)).toHaveCount(4);
  await expect(initiator.getByRole('table')).toContainText('← received');
  await arrow(page, 'ArrowLeft');
  await expect(stepButton(page, /^Step 3: Application request \(round 1\)/)).toHaveAttribute('aria-current', 'step');
  await expect(keysOf(initiator)).toHaveCount(2);
});

test('compromised-secret: the forgery with the leaked secret is ACCEPTED, the guessed one refused beside it', async ({ page }) => {
  await freshApp(page);
  await openScenario(page, 'secure-conversation');
  await openVariant(page, 'compromised-secret');
  await page.getByRole('button', { name: 'Run to end' }).click();
  await idle(page);

  await stepButton(page, /^Step 30: Forged request \(leaked secret\)/).click();
  const banner = page.getByRole('region', { name: "Attacker's message" });
  await expect(banner).toContainText('Forged by the attacker with the leaked secret — ACCEPTED');
  await expect(banner).toContainText("keys derived from the context's own secret (= Recipient and its trust service's session secret)");
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText('Accepted by Recipient and its trust service');
  const others = banner.getByRole('list', { name: "The attacker's other messages" });
  await expect(others).toContainText('Forged request (guessed secret)');
  await expect(others).toContainText('REFUSED');
  await expect(others).toContainText('SC_DERIVED_KEY_MISMATCH');

  // The derivation view of the forgery: the attacker's keys are the recipient's keys.
  await details(page).getByRole('tab', { name: 'Key derivation' }).click();
  const view = page.getByRole('region', { name: 'Key derivation' });
  await expect(view.getByRole('listitem', { name: 'Security context' })).toContainText('Attacker (compromised-secret and replay steps) derived from the same secret');
  await expect(view.getByRole('list', { name: 'Agreement' })).toContainText('= the key Attacker (compromised-secret and replay steps) used');

  // Beside it, one click away: the guessed secret, refused.
  await others.getByRole('button', { name: /^Go to step 31: Forged request \(guessed secret\)/ }).click();
  await expect(stepButton(page, /^Step 31: Forged request \(guessed secret\)/)).toHaveAttribute('aria-current', 'step');
  await expect(banner).toContainText('Forged by the attacker with a guessed secret — REFUSED');
  await expect(banner).toContainText('SC_DERIVED_KEY_MISMATCH');
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText('Rejected');
  await expect(view.getByRole('listitem', { name: 'Security context' })).toContainText('Attacker (compromised-secret and replay steps) derived from a different secret');
  await expect(view.getByRole('list', { name: 'Agreement' })).toContainText('≠ the key Attacker (compromised-secret and replay steps) used');
  await expect(view.getByRole('listitem', { name: 'Used by' })).toContainText('SC_DERIVED_KEY_MISMATCH');

  // The attacker's session table: the leaked context and the guessed secret.
  await details(page).getByRole('tab', { name: 'Sessions' }).click();
  const attacker = page.getByRole('region', { name: 'Attacker (compromised-secret and replay steps) session table' });
  await expect(attacker.getByRole('article')).toHaveCount(2);
  await expect(attacker.getByRole('article').nth(0)).toContainText('leaked to this actor');
  await expect(attacker.getByRole('article').nth(0)).toContainText('= the session secret of Initiator (client.wsbench.example) and Recipient and its trust service');
  await expect(attacker.getByRole('article').nth(1)).toContainText('guessed');

  // Not the attacker's step: no banner.
  await stepButton(page, /^Step 3: Application request \(round 1\)/).click();
  await expect(banner).toHaveCount(0);
});

test('screenshots of the key-derivation view and the session tables', async ({ page }) => {
  test.skip(!process.env.WSBENCH_SCREENSHOTS, 'set WSBENCH_SCREENSHOTS=1 to write docs/screenshot-key-derivation.png and docs/screenshot-sessions.png');
  await freshApp(page);
  await openScenario(page, 'secure-conversation');
  await openVariant(page, 'compromised-secret');
  await page.getByRole('button', { name: 'Run to end' }).click();
  await idle(page);
  await stepButton(page, /^Step 3: Application request \(round 1\)/).click();
  await details(page).getByRole('tab', { name: 'Key derivation' }).click();
  await expect(page.getByRole('list', { name: 'Agreement' })).toContainText('= the key');
  await page.screenshot({ path: 'docs/screenshot-key-derivation.png' });

  // The guessed forgery (refused) with the leaked one (accepted) beside it; the initiator's secret
  // and the attacker's two revealed side by side: the leaked one is the initiator's.
  await stepButton(page, /^Step 31: Forged request \(guessed secret\)/).click();
  await details(page).getByRole('tab', { name: 'Sessions' }).click();
  for (const who of ['Initiator (client.wsbench.example)', 'Attacker (compromised-secret and replay steps)']) {
    const table = page.getByRole('region', { name: `${who} session table` });
    const reveal = table.getByRole('button', { name: /^Reveal the secret of urn:uuid:/ });
    while ((await reveal.count()) > 0) await reveal.first().click();
  }
  await page.locator('.ss-actor-body').evaluateAll((els) => els.forEach((e) => (e.scrollTop = 0)));
  await page.screenshot({ path: 'docs/screenshot-sessions.png' });
});
