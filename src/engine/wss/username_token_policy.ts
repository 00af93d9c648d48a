// WS-SecurityPolicy 1.3 §5.4.1 UsernameToken assertion, checked against a received token:
// sp:HashPassword, sp:NoPassword, sp13:Created, sp13:Nonce, sp:RequireDerivedKeys (UT 1.1 §4).

import type { Element } from '@xmldom/xmldom';
import { where } from '../xml/path.ts';
import type { Check } from '../report/index.ts';
import type { UsernameTokenAssertion } from '../policy/model.ts';
import type { UtParts } from './username_token_check.ts';

const SP = 'WS-SP 1.3 §5.4.1';

/** One check per policy requirement the token misses, or a single pass when it meets them all. */
export function checkUtPolicy(parts: UtParts, a: UsernameTokenAssertion, type: 'PasswordText' | 'PasswordDigest' | null): Check[] {
  const out: Check[] = [];
  const fail = (code: string, message: string, el: Element = parts.el, specRef = SP) =>
    out.push({ code, status: 'fail', message, specRef, ...where(el) });
  if (a.requireDerivedKeys) {
    if (parts.password) fail('UT_PASSWORD_WITH_DERIVED_KEY', 'expected no wsse:Password in a UsernameToken used for key derivation, found one', parts.password, 'UT 1.1 §4');
    if (!parts.salt) fail('UT_SALT_MISSING', 'the policy requires derived keys (sp:RequireDerivedKeys): expected wsse11:Salt, found none', parts.el, 'UT 1.1 §4');
    if (!parts.iteration) fail('UT_ITERATION_MISSING', 'the policy requires derived keys (sp:RequireDerivedKeys): expected wsse11:Iteration, found none', parts.el, 'UT 1.1 §4');
  } else if (a.password === 'none') {
    if (parts.password) fail('UT_POLICY_NO_PASSWORD', 'the policy says sp:NoPassword: expected no wsse:Password, found one', parts.password);
  } else if (!parts.password) {
    fail('UT_PASSWORD_MISSING', `the policy requires a ${a.password === 'hash' ? 'PasswordDigest' : 'PasswordText'} password, found no wsse:Password`);
  } else if (a.password === 'hash' && type !== 'PasswordDigest') {
    fail('UT_POLICY_HASH_PASSWORD', `the policy says sp:HashPassword: expected Password/@Type PasswordDigest, found ${type ?? 'an unknown type'}`, parts.password);
  } else if (a.password === 'text' && type === 'PasswordDigest') {
    fail('UT_POLICY_PASSWORD_TEXT', 'the policy asks for a plain password (no sp:HashPassword): expected PasswordText, found PasswordDigest', parts.password);
  }
  const digest = type === 'PasswordDigest';
  if ((a.nonce || digest) && !parts.nonce) fail('UT_NONCE_MISSING', `${a.nonce ? 'the policy says sp13:Nonce' : 'a PasswordDigest is computed over a Nonce'}: expected wsse:Nonce, found none`);
  if ((a.created || digest) && !parts.created) fail('UT_CREATED_MISSING', `${a.created ? 'the policy says sp13:Created' : 'a PasswordDigest is computed over Created'}: expected wsu:Created, found none`);
  if (out.length === 0) {
    const wants = [a.requireDerivedKeys ? 'derived keys' : a.password === 'hash' ? 'HashPassword' : a.password === 'none' ? 'NoPassword' : 'PasswordText', a.nonce && 'Nonce', a.created && 'Created'].filter(Boolean);
    out.push({ code: 'SP_USERNAME_TOKEN', status: 'pass', message: `UsernameToken meets the policy assertion (${wants.join(', ')})`, specRef: SP, ...where(parts.el) });
  }
  return out;
}
