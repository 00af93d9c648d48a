// Explain everything (DESIGN.md decision 8): what each element of a message is, which spec
// defines it and why it is there — shown on hover in the message pane.

import { NS } from '../xml/names.ts';

export interface Explanation {
  title: string;
  text: string;
  specRef: string;
}

type Table = Record<string, Explanation>;

const soap = (local: string, text: string): Table => ({
  [`{${NS.soap11}}${local}`]: { title: `soap:${local} (SOAP 1.1)`, text, specRef: 'SOAP 1.1 §4' },
  [`{${NS.soap12}}${local}`]: { title: `soap:${local} (SOAP 1.2)`, text, specRef: 'SOAP 1.2 Part 1 §5' },
});

const wsa = (local: string, text: string): Table => ({
  [`{${NS.wsa2005}}${local}`]: { title: `wsa:${local} (WS-Addressing 1.0)`, text, specRef: 'WS-Addressing 1.0 Core §3' },
  [`{${NS.wsa2004}}${local}`]: { title: `wsa:${local} (WS-Addressing 2004/08)`, text, specRef: 'WS-Addressing 2004/08 §3' },
});

const one = (ns: string, prefix: string, local: string, text: string, specRef: string): Table =>
  ({ [`{${ns}}${local}`]: { title: `${prefix}:${local}`, text, specRef } });

const TABLE: Table = {
  ...soap('Envelope', 'The SOAP message: an optional Header with header blocks for intermediaries and the receiver, and the Body with the payload.'),
  ...soap('Header', 'Header blocks: addressing, security and transaction context travel here, separate from the payload.'),
  ...soap('Body', 'The payload of the message: the application request, response or a Fault.'),
  ...soap('Fault', 'An error answer. WSS 1.1 §12 names the security fault codes (wsse:FailedAuthentication, wsse:InvalidSecurityToken, …).'),
  ...wsa('Action', 'The intent of the message as a URI: which operation it asks for. Receivers dispatch on it.'),
  ...wsa('To', 'The address of the intended receiver.'),
  ...wsa('MessageID', 'A unique identifier of this message; a reply names it in wsa:RelatesTo.'),
  ...wsa('RelatesTo', 'The MessageID of the message this one answers.'),
  ...wsa('ReplyTo', 'Where the reply should go; the anonymous URI means "back on the same connection".'),
  ...wsa('Address', 'The endpoint address (a URI).'),
  ...one(NS.wsse, 'wsse', 'Security', 'The WS-Security header: tokens, timestamp, signatures and encryption information for one receiver. Processed in order, top to bottom.', 'WSS 1.1 §5'),
  ...one(NS.wsse, 'wsse', 'UsernameToken', 'A user name with, optionally, a password (clear or digested), a nonce and a creation time — or a salt and iteration count from which both sides derive a key.', 'UT 1.1 §3'),
  ...one(NS.wsse, 'wsse', 'Username', 'The claimed user name; the service looks it up in its user registry.', 'UT 1.1 §3.1'),
  ...one(NS.wsse, 'wsse', 'Password', 'The password, as Type says: #PasswordText (the password itself — protect it with HTTPS or encryption) or #PasswordDigest = Base64(SHA-1(nonce ‖ created ‖ password)).', 'UT 1.1 §3.1'),
  ...one(NS.wsse, 'wsse', 'Nonce', 'A random value, base64, used once. It makes each digest different and lets the service detect replays by remembering the nonces it has seen.', 'UT 1.1 §3.1'),
  ...one(NS.wsse, 'wsse', 'BinarySecurityToken', 'A binary token such as an X.509 certificate, base64 encoded.', 'WSS 1.1 §6.3'),
  ...one(NS.wsse, 'wsse', 'SecurityTokenReference', 'A pointer to a token: by Id, by key identifier, by issuer and serial, or embedded.', 'WSS 1.1 §7'),
  ...one(NS.wsse11, 'wsse11', 'Salt', '16 bytes, base64: a usage byte (01 signature, 02 encryption) and 15 random bytes, mixed into the password to derive a key.', 'UT 1.1 §4'),
  ...one(NS.wsse11, 'wsse11', 'Iteration', 'How many times SHA-1 is applied to derive the key from password ‖ salt (at least 1000 per BSP).', 'UT 1.1 §4'),
  ...one(NS.wsse11, 'wsse11', 'SignatureConfirmation', 'Echoes the value of a signature the responder verified, so the requester knows which request was answered.', 'WSS 1.1 §8.5'),
  ...one(NS.wsu, 'wsu', 'Timestamp', 'When the security semantics of the message were created and when they expire. Receivers refuse expired messages.', 'WSS 1.1 §10'),
  ...one(NS.wsu, 'wsu', 'Created', 'The creation time (UTC). In a UsernameToken it is also an input of the password digest and of the freshness check.', 'WSS 1.1 §10 / UT 1.1 §3.1'),
  ...one(NS.wsu, 'wsu', 'Expires', 'After this time the receiver must refuse the message.', 'WSS 1.1 §10'),
  ...one(NS.ds, 'ds', 'Signature', 'An XML Signature: SignedInfo lists the references (signed parts) and their digests; SignatureValue signs the canonical SignedInfo.', 'XMLDSig §4.1'),
  ...one(NS.xenc, 'xenc', 'EncryptedData', 'Encrypted content that replaced an element or its content.', 'XML Encryption §3.4'),
  ...one(NS.xenc, 'xenc', 'EncryptedKey', 'A symmetric key encrypted for the receiver (e.g. with its RSA public key).', 'XML Encryption §3.5.1'),
};

/** The explanation of an element, or null when none is known. */
export function explainElement(namespaceURI: string | null, localName: string): Explanation | null {
  return TABLE[`{${namespaceURI ?? ''}}${localName}`] ?? null;
}
