// The engine's public surface: the UI and the command line import only from here.

export * from './report/index.ts';
export type * from './scenarios/types.ts';
export type * from './runner/types.ts';
export { listScenarios } from './scenarios/index.ts';
export { startRun, deliver, rewind, runToEnd, setActorState, collectSecrets, DEFAULT_START } from './runner/runner.ts';
export { explainElement, type Explanation } from './explain/elements.ts';
export { checkXml } from './xml/check_xml.ts';
export { parseXml } from './xml/parse.ts';
export { excC14n, c14n10 } from './xml/c14n.ts';
export { findById } from './xml/ids.ts';
export { psha1 } from './crypto/psha1.ts';
export { seededRandom, systemRandom, type RandomSource } from './crypto/random.ts';
export { fromBase64, toBase64, utf8 } from './crypto/encoding.ts';
export { passwordDigest } from './wss/password_digest.ts';
export { deriveUsernameTokenKey } from './wss/ut_key_derivation.ts';
export { parsePolicy } from './policy/parse.ts';
export { writePolicy } from './policy/write.ts';
export type { SecurityModel } from './policy/model.ts';
export { buildUsernameTokenMessage, verifyUsernameTokenMessage } from './facade/username_token_message.ts';
