// attach (Node only): the operator's sentence for a non-2xx platform API answer (CSRF or session refused, not an API admin, gone, conflict) and whether the run can go on.
import { bodySnippet } from '../gateway-api/network-errors';
import { PlatformError } from './platform-client';

export interface FailureContext {
  method: 'GET' | 'PUT';
  path: string;
  /** What the call was about, e.g. "the API list", "Petstore 1.0 (Live)". */
  what: string;
  email: string;
  csrf: { header: string; issued: boolean };
}

/** A PlatformError for a non-2xx answer; fatal when every later call would fail the same way. */
export function statusError(status: number, body: string, context: FailureContext): PlatformError {
  const { method, path, what } = context;
  const snippet = bodySnippet(body);
  const said = snippet ? ` (the platform said: ${snippet})` : '';
  const call = `${method} ${path}`;
  if (status === 401) {
    if (method === 'PUT' && context.csrf.issued) {
      return new PlatformError(
        `401 Unauthorized on ${call} for ${what}: the platform rejected the CSRF header ${context.csrf.header} or the session (expired?); stopping: run again to retry`,
        true
      );
    }
    if (method === 'PUT') {
      return new PlatformError(
        `401 Unauthorized on ${call} for ${what}: the platform refused the write and issued no CSRF cookie at login, so there was no ${context.csrf.header} to send; ` +
          'check the platform security settings (Admin > Settings > Security, CSRF) and the account',
        true
      );
    }
    return new PlatformError(`401 Unauthorized on ${call} for ${what}: the platform refused the session (expired or revoked); stopping: run again${said}`, true);
  }
  if (status === 403) {
    return method === 'PUT'
      ? new PlatformError(
          `403 Forbidden on ${call}: ${context.email} is not an API Admin of ${what}; changing its policies needs the API Admin or Business Admin role on it${said}`
        )
      : new PlatformError(`403 Forbidden on ${call}: ${context.email} may not read ${what}${said}`);
  }
  if (status === 404) return new PlatformError(`404 Not Found on ${call} for ${what}: the platform has no such resource (deleted or renamed meanwhile?)${said}`);
  if (status === 409) {
    return new PlatformError(
      `409 Conflict on ${call}: the platform refused the change to ${what}${said}; its assignment may have changed meanwhile: run again (it reads the current list before writing)`
    );
  }
  return new PlatformError(`HTTP ${status} on ${call} for ${what}${said}`);
}
