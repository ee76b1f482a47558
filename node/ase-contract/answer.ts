// Decides the stand-in's answer to one sideband call per the ASE contract (pure; Node only).
import type { z } from 'zod';
import { aseRequestBodySchema, aseResponseBodySchema } from './wire-schema';
import { findDenied } from './deny-match';
import { isKnownApi } from './known-api';
import type { DenyLists, KnownApi } from './contract-types';

export interface IncomingCall {
  method: string;
  /** Request target as received (query string included). */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  rawBody: string;
}

export interface AnswerConfig {
  token: string;
  deny: DenyLists;
  knownApis: ReadonlyArray<KnownApi> | undefined;
}

export interface Answer {
  status: number;
  reason: string;
  /** Parsed JSON, or the raw string when it is not JSON. */
  body: unknown;
}

/** JSON when it parses, else the raw string (what a RecordedCall keeps). */
export function parseBodyLoosely(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
}

/** One line out of zod's issues: 'headers.0: the first header is host; source_port: ...'. */
export function zodReason(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  return value.split(';')[0].trim().toLowerCase() === 'application/json';
}

/**
 * The contract, in the order ASE would apply it: route (404), ASE-Token (401), content type and
 * body (400), then for /ase/request the deny lists (403) and the known APIs (503); else 200.
 * GET /ase is ASE's health URL (enable_ase_health=true): 200, no token needed.
 */
export function decideAnswer(call: IncomingCall, config: AnswerConfig): Answer {
  const pathname = call.path.split('?')[0];
  if (call.method === 'GET' && pathname === '/ase') return { status: 200, reason: 'health', body: parseBodyLoosely(call.rawBody) };
  const kind = call.method === 'POST' && pathname === '/ase/request' ? 'request'
    : call.method === 'POST' && pathname === '/ase/response' ? 'response'
    : undefined;
  const loose = parseBodyLoosely(call.rawBody);
  if (kind === undefined) return { status: 404, reason: 'not found', body: loose };

  if (config.token !== '' && call.headers['ase-token'] !== config.token) {
    return { status: 401, reason: call.headers['ase-token'] === undefined ? 'bad token (none sent)' : 'bad token', body: loose };
  }

  const contentType = call.headers['content-type'];
  if (!isJsonContentType(contentType)) {
    return { status: 400, reason: `invalid body: content-type is ${contentType ?? 'missing'}, not application/json`, body: loose };
  }

  let json: unknown;
  try {
    json = JSON.parse(call.rawBody);
  } catch (error) {
    return { status: 400, reason: `invalid body: not JSON (${(error as Error).message})`, body: call.rawBody };
  }

  if (kind === 'response') {
    const parsed = aseResponseBodySchema.safeParse(json);
    if (!parsed.success) return { status: 400, reason: `invalid body: ${zodReason(parsed.error)}`, body: json };
    return { status: 200, reason: 'allowed', body: json };
  }

  const parsed = aseRequestBodySchema.safeParse(json);
  if (!parsed.success) return { status: 400, reason: `invalid body: ${zodReason(parsed.error)}`, body: json };
  const denied = findDenied(parsed.data, config.deny);
  if (denied !== undefined) return { status: 403, reason: denied, body: json };
  if (!isKnownApi(parsed.data, config.knownApis)) return { status: 503, reason: 'unknown api', body: json };
  return { status: 200, reason: 'allowed', body: json };
}
