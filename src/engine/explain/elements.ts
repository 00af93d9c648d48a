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

/** An element defined the same way in two versions of a spec (e.g. WS-Trust Feb2005 and 1.3). */
const two = (a: [string, string, string], b: [string, string, string], prefix: string, local: string, text: string): Table => ({
  [`{${a[0]}}${local}`]: { title: `${prefix}:${local} (${a[1]})`, text, specRef: a[2] },
  [`{${b[0]}}${local}`]: { title: `${prefix}:${local} (${b[1]})`, text, specRef: b[2] },
});
const wst = (local: string, text: string, sec: string): Table =>
  two([NS.trust2005, 'WS-Trust Feb2005', `WS-Trust Feb2005 ${sec}`], [NS.trust13, 'WS-Trust 1.3', `WS-Trust 1.3 ${sec}`], 'wst', local, text);
const wsc = (local: string, text: string, sec: string): Table =>
  two([NS.sc2005, 'WS-SC 2005/02', `WS-SecureConversation 2005/02 ${sec}`], [NS.sc13, 'WS-SC 1.3', `WS-SecureConversation 1.3 ${sec}`], 'wsc', local, text);
const saml = (local: string, text: string): Table =>
  two([NS.saml11, 'SAML 1.1', 'SAML 1.1 Core §2'], [NS.saml2, 'SAML 2.0', 'SAML 2.0 Core §2'], 'saml', local, text);
const wscoor = (local: string, text: string, sec: string): Table =>
  two([NS.coor10, 'WS-Coordination 1.0', `WS-Coordination 2004/10 ${sec}`], [NS.coor11, 'WS-Coordination 1.1', `WS-Coordination 1.1 ${sec}`], 'wscoor', local, text);
const wsat = (local: string, text: string, sec: string): Table =>
  two([NS.wsat10, 'WS-AT 1.0', `WS-AtomicTransaction 2004/10 ${sec}`], [NS.wsat11, 'WS-AT 1.1', `WS-AtomicTransaction 1.1 ${sec}`], 'wsat', local, text);

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
  ...one(NS.wsse11, 'wsse11', 'EncryptedHeader', 'A header block encrypted whole: the receiver decrypts it and processes the header it held (e.g. a CoordinationContext).', 'WSS 1.1 §9.3'),
  ...wst('RequestSecurityToken', 'A request to a Security Token Service: issue, renew, validate or cancel a token (RequestType), with what the requester expects of it.', '§3.1'),
  ...wst('RequestSecurityTokenResponse', 'The STS\'s answer: the token, how to refer to it, the proof key (or how to compute it) and its lifetime.', '§3.2'),
  ...wst('RequestSecurityTokenResponseCollection', 'WS-Trust 1.3 wraps the final answer to an Issue request in a collection of RSTRs.', '§4.3'),
  ...wst('RequestType', 'What the requester asks for: Issue, Renew, Validate or Cancel.', '§3.1'),
  ...wst('TokenType', 'The kind of token asked for or issued, as a URI (e.g. SAML 1.1 or 2.0, a security context token).', '§3.1'),
  ...wst('KeyType', 'What proof key the token should carry: none (Bearer), a shared secret (SymmetricKey) or the requester\'s public key (PublicKey).', '§4.4'),
  ...wst('KeySize', 'The size in bits of the proof key the requester wants.', '§4.4'),
  ...wst('Entropy', 'Randomness one side contributes to the proof key; with both sides\' entropy the key is computed with P_SHA1 (ComputedKey).', '§4.4.4'),
  ...wst('BinarySecret', 'A secret in base64: entropy (Type Nonce) or the proof key itself (Type SymmetricKey).', '§3.3'),
  ...wst('ComputedKey', 'The proof key is not sent: both sides compute it from the two entropies with the named algorithm (CK/PSHA1).', '§4.4.4'),
  ...wst('ComputedKeyAlgorithm', 'The algorithm both sides use to compute the proof key from their entropies.', '§4.4.4'),
  ...wst('UseKey', 'The key the requester wants the token bound to, e.g. its certificate; the STS checks the request proves possession of it.', '§9.2'),
  ...wst('OnBehalfOf', 'The token of the party the request is made for; the issued token names that party, not the requester.', '§9.5'),
  ...wst('RequestedSecurityToken', 'The issued token itself (e.g. a SAML assertion or a security context token).', '§4.3'),
  ...wst('RequestedProofToken', 'The proof key: a BinarySecret, an EncryptedKey, or ComputedKey when both sides gave entropy.', '§4.3'),
  ...wst('RequestedAttachedReference', 'How to refer to the token when it travels in the message (an STR).', '§4.3'),
  ...wst('RequestedUnattachedReference', 'How to refer to the token when it does not travel in the message (an STR).', '§4.3'),
  ...wst('Lifetime', 'When the token was created and when it expires.', '§4.4'),
  ...wst('Status', 'The answer to a Validate request: the token is valid or invalid, with a reason.', '§7'),
  ...wst('RequestedTokenCancelled', 'The STS confirms it cancelled the token.', '§6'),
  ...wst('RenewTarget', 'The token (or a reference to it) the requester wants renewed.', '§5'),
  ...wst('CancelTarget', 'The token (or a reference to it) the requester is done with.', '§6'),
  ...wst('ValidateTarget', 'The token (or a reference to it) whose validity the requester asks about.', '§7'),
  ...wst('Code', 'The Status code: the token is valid or invalid.', '§7'),
  ...wst('Reason', 'Why the STS gave that Status, in words.', '§7'),
  ...wst('IssuedTokens', 'Tokens issued alongside a message: WS-AT\'s mixed binding carries the coordinator\'s SCT and its secret here.', '§4.5'),
  ...wst('Claims', 'What the requester wants the token to assert about it.', '§4.4'),
  ...saml('Assertion', 'A statement by an issuer (the STS) about a subject, signed by the issuer: who it is, how it authenticated, and how the presenter proves it may use the assertion.'),
  ...saml('Issuer', 'Who issued the assertion (SAML 2.0; SAML 1.1 has an Issuer attribute).'),
  ...saml('Subject', 'Whom the assertion is about, and how the presenter must confirm it.'),
  ...saml('SubjectConfirmation', 'How the presenter proves it may use the assertion: bearer (just carry it), holder-of-key (sign with the key it names) or sender-vouches (the signing sender vouches for the subject).'),
  ...saml('Conditions', 'When the assertion is valid (NotBefore, NotOnOrAfter) and for whom (AudienceRestriction).'),
  ...saml('AudienceRestriction', 'The relying parties the assertion is meant for; any other must refuse it.'),
  ...saml('AuthenticationStatement', 'SAML 1.1: how and when the subject authenticated to the issuer.'),
  ...saml('AuthnStatement', 'SAML 2.0: how and when the subject authenticated to the issuer.'),
  ...saml('AttributeStatement', 'Attributes the issuer asserts about the subject.'),
  ...wsc('SecurityContextToken', 'A security context shared by initiator and recipient: its Identifier names the shared secret both keep; keys for each message are derived from that secret.', '§3'),
  ...wsc('Identifier', 'The context\'s absolute URI (a urn:uuid): the key both sides look the shared secret up by.', '§3'),
  ...wsc('Instance', 'WS-SC 1.3: which key instance of the context (a new one after each Renew).', '§3'),
  ...wsc('DerivedKeyToken', 'A key derived from a token\'s secret: P_SHA1(secret, Label ‖ Nonce), Length bytes from Offset (or Generation × Length). Separate ones sign and encrypt.', '§7'),
  ...wsc('Nonce', 'Random bytes that make this derived key different from every other one of the context.', '§7'),
  ...wsc('Label', 'Text mixed into the derivation; default WS-SecureConversationWS-SecureConversation.', '§7'),
  ...wsc('Offset', 'Where in the P_SHA1 output the key starts, in bytes.', '§7'),
  ...wsc('Generation', 'Which Length-sized block of the P_SHA1 output the key is (Offset = Generation × Length).', '§7'),
  ...wsc('Length', 'The derived key\'s length in bytes.', '§7'),
  ...wscoor('CoordinationContext', 'The transaction\'s context, flowed on messages that take part in it: its Identifier, when it expires, the coordination type, and where to register.', '§3'),
  ...wscoor('Identifier', 'The activity\'s identifier: an absolute URI (B2003 refuses a relative one).', '§3'),
  ...wscoor('Expires', 'How long, in milliseconds, the coordinator keeps the activity before aborting it.', '§3'),
  ...wscoor('CoordinationType', 'Which coordination protocol family: WS-AtomicTransaction here.', '§3'),
  ...wscoor('RegistrationService', 'Where participants register for a protocol of this activity (an endpoint reference).', '§3'),
  ...wscoor('CreateCoordinationContext', 'Activation: asks a coordinator to create a new context — or, with CurrentContext, a subordinate one.', '§3.2'),
  ...wscoor('CreateCoordinationContextResponse', 'The new CoordinationContext.', '§3.2'),
  ...wscoor('CurrentContext', 'The existing context under which a subordinate coordinator is activated.', '§3.2'),
  ...wscoor('Register', 'Registration: a participant asks to take part in one protocol (Completion, Durable2PC, Volatile2PC) and says where to send its messages.', '§3.3'),
  ...wscoor('RegisterResponse', 'Where the participant sends its protocol messages to the coordinator.', '§3.3'),
  ...wscoor('ProtocolIdentifier', 'The protocol registered for: Completion, Durable2PC or Volatile2PC.', '§3.3'),
  ...wscoor('ParticipantProtocolService', 'The participant\'s endpoint for protocol messages (with ReferenceParameters to correlate).', '§3.3'),
  ...wscoor('CoordinatorProtocolService', 'The coordinator\'s endpoint for this participant\'s protocol messages.', '§3.3'),
  ...wsat('Commit', 'Completion: the initiator asks to commit. 2PC: the coordinator tells a prepared participant to commit.', '§3.2'),
  ...wsat('Rollback', 'Abort the transaction.', '§3.2'),
  ...wsat('Committed', 'The transaction (or this participant\'s part) committed.', '§3.2'),
  ...wsat('Aborted', 'The transaction (or this participant\'s part) aborted.', '§3.2'),
  ...wsat('Prepare', 'Phase one of two-phase commit: can the participant commit?', '§3.3'),
  ...wsat('Prepared', 'The participant\'s vote: ready to commit, and bound to wait for the outcome.', '§3.3'),
  ...wsat('ReadOnly', 'The participant\'s vote: nothing to commit; it leaves the protocol.', '§3.3'),
  ...wsat('Replay', 'WS-AT 1.0 only: a recovering participant asks for the outcome again.', '§3.3'),
};

/** The explanation of an element, or null when none is known. */
export function explainElement(namespaceURI: string | null, localName: string): Explanation | null {
  return TABLE[`{${namespaceURI ?? ''}}${localName}`] ?? null;
}
