// Typed errors for unusable input (DESIGN.md decision 4 and house style 3). Checks cover everything
// a receiver decides; these are only for input that cannot be processed at all.

/** Base class of every wsbench error; `code` is stable and machine-readable. */
export class WsbenchError extends Error {
  readonly code: string;
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  constructor(code: string, message: string, where: { path?: string; line?: number; column?: number } = {}) {
    super(where.path ? `At ${where.path}: ${message}` : message);
    this.name = new.target.name;
    this.code = code;
    this.path = where.path ?? '';
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
  }
}

/** The text is not well-formed XML, or breaks a parser limit (size, depth, DTD). */
export class XmlParseError extends WsbenchError {}

/** A value could not be decoded (base64, hex, number, date). */
export class DecodingError extends WsbenchError {}

/** A caller passed arguments that make no sense (unknown scenario, bad length). */
export class UsageError extends WsbenchError {}

/** A cryptographic operation failed for a reason other than a mismatch (bad key, unsupported algorithm). */
export class CryptoError extends WsbenchError {}
