// Maps what undici (or the socket under it) throws to the core's transport failure codes (Node).

import { Codes, describeError, type TransportFailureCode } from '../policies/core/errors';

export interface ClassifiedFailure {
  code: TransportFailureCode;
  /** Secret-free: error names, codes and messages only (undici never puts request headers in them). */
  detail: string;
}

const TIMEOUT_CODES = ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_ABORTED', 'ETIMEDOUT', 'ABORT_ERR'];
const RESET_CODES = ['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET'];
/** OpenSSL verification results Node reports as error codes (plus EPROTO: TLS spoken to a plain port). */
const TLS_CODES = [
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED', 'CERT_REJECTED', 'CERT_REVOKED', 'CERT_SIGNATURE_FAILURE', 'HOSTNAME_MISMATCH', 'EPROTO'
];

/** How deep to follow `cause` / `errors`: undici wraps at most a couple of levels. */
const MAX_DEPTH = 4;

function codeOf(error: unknown): string {
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

function nameOf(error: unknown): string {
  const name = error && typeof error === 'object' ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : '';
}

function classifyOne(error: unknown): TransportFailureCode | null {
  const code = codeOf(error);
  const name = nameOf(error);
  // AbortSignal.timeout() rejects with a DOMException named TimeoutError (its numeric code is 23).
  if (name === 'TimeoutError' || name === 'AbortError' || name === 'ConnectTimeoutError' || TIMEOUT_CODES.indexOf(code) >= 0) return Codes.TIMEOUT;
  if (code === 'ECONNREFUSED') return Codes.REFUSED;
  if (RESET_CODES.indexOf(code) >= 0) return Codes.RESET;
  if (TLS_CODES.indexOf(code) >= 0 || /^ERR_(TLS|SSL)_/.test(code) || /CERT/.test(code)) return Codes.TLS;
  return null;
}

/** The causes of an error, outermost first: `cause` chains and AggregateError's `errors` (happy eyeballs). */
function chain(error: unknown, depth: number, into: unknown[]): unknown[] {
  if (depth > MAX_DEPTH || error === null || error === undefined) return into;
  into.push(error);
  if (typeof error === 'object') {
    chain((error as { cause?: unknown }).cause, depth + 1, into);
    const errors = (error as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const inner of errors.slice(0, 4)) chain(inner, depth + 1, into);
  }
  return into;
}

/**
 * The failure code of one attempt. The outermost recognisable error wins; anything unrecognised
 * (HTTP parse errors from a garbage answer, nock's "net connect not allowed", bugs) is ASE_TRANSPORT.
 */
export function classifyTransportError(error: unknown): ClassifiedFailure {
  const all = chain(error, 0, []);
  let code: TransportFailureCode = Codes.TRANSPORT;
  for (const each of all) {
    const found = classifyOne(each);
    if (found) {
      code = found;
      break;
    }
  }
  const errorCode = codeOf(error);
  const inner = all.length > 1 ? '; cause ' + describeError(all[1]) + (codeOf(all[1]) ? ' [' + codeOf(all[1]) + ']' : '') : '';
  return { code, detail: describeError(error) + (errorCode ? ' [' + errorCode + ']' : '') + inner };
}
