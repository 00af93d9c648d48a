// Peer: node-soap's X.509 signature header (`WSSecurityCert`, npm `soap`), which signs with
// xml-crypto and puts the signer's certificate in a BinarySecurityToken. This calls it the way
// node-soap's client does: `postProcess(xml, envelopeKey)` on the serialized request.

import { createRequire } from 'node:module';

/** The options of node-soap's IWSSecurityCertOptions these tests use. */
export interface NodeSoapCertOptions {
  hasTimeStamp?: boolean;
  signatureTransformations?: string[];
  signatureAlgorithm?: string;
  digestAlgorithm?: string;
  additionalReferences?: string[];
  signerOptions?: { prefix?: string; idMode?: 'wssecurity'; attrs?: Record<string, string>; existingPrefixes?: Record<string, string> };
  excludeReferencesFromSigning?: string[];
}

interface NodeSoapCertApi {
  WSSecurityCert: new (privatePEM: string | Buffer, publicP12PEM: string | Buffer, password: string | undefined, options?: NodeSoapCertOptions) => {
    postProcess(xml: string, envelopeKey: string): string;
  };
}

const require = createRequire(import.meta.url);
// node-soap is CommonJS; require() gives its real export object regardless of ESM interop details.
const soap = require('soap') as NodeSoapCertApi;

export const NODE_SOAP_VERSION: string = (require('soap/package.json') as { version: string }).version;

/** A SOAP 1.1 request shaped like node-soap's client output (envelope prefix `soap`). */
export function nodeSoapRequest(headers = ''): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="urn:wsbench:peer">' +
    `<soap:Header>${headers}</soap:Header>` +
    '<soap:Body><tns:echo><tns:text>hello from node-soap</tns:text></tns:echo></soap:Body>' +
    '</soap:Envelope>'
  );
}

/** node-soap's WSSecurityCert applied to `xml` with the signer's key and certificate (PEM text). */
export function nodeSoapSign(xml: string, keyPem: string, certPem: string, options: NodeSoapCertOptions = {}): string {
  const security = new soap.WSSecurityCert(keyPem, certPem, undefined, options);
  return security.postProcess(xml, 'soap');
}
