// Peer: node-soap (npm `soap`), its WS-Security UsernameToken header (`WSSecurity`) and its
// `passwordDigest(nonce, created, password)` utility, both exported from the package root in 1.x.

import { createRequire } from 'node:module';

/** The slice of node-soap's API these tests use (the package ships its own .d.ts; this pins what we rely on). */
interface NodeSoapApi {
  WSSecurity: new (
    username: string,
    password: string,
    options?: {
      passwordType?: 'PasswordDigest' | 'PasswordText';
      hasNonce?: boolean;
      hasTimeStamp?: boolean;
      hasTokenCreated?: boolean;
      mustUnderstand?: boolean;
      actor?: string;
      envelopeKey?: string;
    },
  ) => { toXML(): string };
  /** nonce: base64 text; created and password: UTF-8 text. Returns base64 SHA-1. */
  passwordDigest(nonce: string, created: string, password: string): string;
}

// node-soap is CommonJS; require() gives its real export object regardless of ESM interop details.
const soap = createRequire(import.meta.url)('soap') as NodeSoapApi;

export const NODE_SOAP_VERSION: string = (createRequire(import.meta.url)('soap/package.json') as { version: string })
  .version;

export function nodeSoapPasswordDigest(nonce: Uint8Array, created: string, password: string): string {
  return soap.passwordDigest(Buffer.from(nonce).toString('base64'), created, password);
}

export interface NodeSoapUtOptions {
  username: string;
  password: string;
  passwordType: 'PasswordDigest' | 'PasswordText';
  hasNonce?: boolean;
  hasTimeStamp?: boolean;
  hasTokenCreated?: boolean;
  mustUnderstand?: boolean;
}

/**
 * A SOAP 1.1 request with node-soap's WS-Security header, shaped like node-soap's client output:
 * envelope prefix `soap`, the security XML inside soap:Header.
 */
export function nodeSoapMessage(o: NodeSoapUtOptions): string {
  const { username, password, ...options } = o;
  const security = new soap.WSSecurity(username, password, options).toXML();
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soap:Header>${security}</soap:Header>` +
    '<soap:Body><tns:echo xmlns:tns="urn:wsbench:peer"><tns:text>hello from node-soap</tns:text></tns:echo></soap:Body>' +
    '</soap:Envelope>'
  );
}
