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
export { inspectMessage, messageParts } from './facade/inspect.ts';
export type { Inspection, KeyMaterial, PartMarker } from './facade/inspect_types.ts';
export { secureX509Message, type X509MessageOptions } from './facade/x509_message.ts';
export { generateDemoPki, type DemoPki } from './crypto/demo_pki.ts';
export { builtinDemoPki, DEMO_PKI_FILE } from './actors/demo_pki.ts';
export { importPkcs12 } from './crypto/pkcs12.ts';
export { importPrivateKeyPem } from './crypto/keys.ts';
export { parseCertificate, type CertInfo } from './crypto/x509.ts';
export { signDocument, verifySignature, findSignatures, referencedElements } from './dsig/index.ts';
export { decryptDocument, findEncryptedParts } from './xenc/index.ts';
export type { AlgorithmSuiteName } from './policy/model.ts';
export { ALGORITHM_SUITES } from './policy/algorithm_suites.ts';
export { deriveKey as deriveDktKey } from './sc/derive.ts';
export { decideIssuance } from './trust/issuance_rules.ts';
export { buildAssertion, signAssertion, validateAssertion } from './saml/index.ts';
export { isLegacyAlgorithm, LEGACY_ALGORITHMS } from './crypto/cipher.ts';
export { matrixRows, MATRIX_SOURCE, type MatrixRow } from './trust/opensso_matrix.ts';
export type { ReferenceReport } from './dsig/index.ts';
export type { KeyChainStep } from './xenc/index.ts';
export { describeSamlToken, proofKeyChain, stsDecisionChecklist, certificatesIn } from './facade/token_card.ts';
export type { TokenCard, ProofKeyCard, EncryptedProofKey, CertSummary, ShownBytes, ProofKeyChain, StsDecisionItem, DescribeOptions } from './facade/token_card.ts';
export { buildSct, readSct, sctReference, newSctIdentifier, type Sct, type ScVersionId } from './sc/sct.ts';
export { buildDerivedKeyToken, readDerivedKeyToken } from './sc/derived_key_token.ts';
export { secureWithDerivedKeys, type DerivedKeyOutbound, type DerivedKeysSecured } from './wss/sc_outbound.ts';
export { derivationsOf } from './wss/sc_inbound.ts';
export type { ScSession, SessionKey, DerivedRecord } from './sc/session.ts';
export {
  TX_VERSIONS, protocolUri, buildCoorMessage, readCoorMessage, buildCoordinationContext, readCoordinationContext,
  checkContextExpiry, buildTxFault, readTxFault, faultFor, buildTxEnvelope, readTxEnvelope,
  type TxVersionId, type AtProtocol, type CoordinationContext, type CoorMessage, type Epr, type RefParam, type TxFaultKind,
} from './coor/index.ts';
export {
  buildAtMessage, readAtMessage, stepMachine, COMPLETION_COORDINATOR, DURABLE_2PC_COORDINATOR, VOLATILE_2PC_COORDINATOR,
  TWO_PC_PARTICIPANT, createTransaction, transactionContext, registerParticipant, receiveNotification, expireTransaction,
  fireInternal, renderTxOut, receiveNotificationMessage, receiveRegisterMessage,
  type AtMessageKind, type TransactionState, type TxOutMessage, type TxStep, type Transition as AtTransition,
  type CompletionState, type TwoPcCoordinatorState, type TwoPcParticipantState,
} from './at/index.ts';
export {
  buildIssuedTokens, readIssuedTokens, findIssuedTokensHeader, checkTlsConnection, certificateNames, txSecurityHeader,
  signTimestampWithIssuedToken, processTxSecurity, registerAuthenticationChecks, TX_TIMESTAMP_ID,
  type IssuedToken, type TlsIdentity, type TlsConnection,
} from './coor/index.ts';
export {
  COMPLETION_INITIATOR, prepareSubordinate, decideSubordinate, receiveRegistrantMessage, registrantEvent, participantEpr,
  type Registrant, type SubordinateVote, type CompletionInitiatorState,
} from './at/index.ts';
export { WSAT_VARIANTS } from './scenarios/wsat.ts';
export type { MachineView, WsatActorId, WsatBinding } from './actors/wsat_common.ts';
export { scenarioIdFor, SCENARIO_ALIASES } from './scenarios/index.ts';
export { describeAssertion, type AssertionSummary } from './saml/index.ts';
// The key-derivation view and the session table (src/ui/sc): DKT sources, element paths, hex.
export { readSctReference, type SctRef } from './sc/sct.ts';
export { nodePath } from './xml/path.ts';
export { toHex } from './crypto/encoding.ts';
export { NS } from './xml/names.ts';
// Issue 6's "seeing it" (src/ui/wsat): seed 002's message classes, every WS-AT machine at a step, requirement IDs with their checks.
export {
  txMessageClass, isTxAction, txMachines, txEnlistmentPairs, machineByName, stepRequirements, requirementIds, TX_MESSAGE_CLASSES, SEED_002_REQUIREMENTS,
  type TxMessageClass, type TxClassInfo, type TxMachineRow, type TxMachineHop, type TxEnlistmentPair, type RequirementProof, type RequirementCheck,
} from './facade/tx_view.ts';
