// Loggers for the Node host: the console default and a guard around user loggers (Node).

import type { PolicyLogger } from '../policies/core/host';
import { oneLine } from '../policies/core/one-line';

export const LOG_PREFIX = 'PingIntelligence:';

export interface ConsoleLoggerOptions {
  /** Write debug lines too (one per allowed call). Default false: a busy API would flood stdout. */
  debug?: boolean;
}

/** console.warn / console.error with the 'PingIntelligence:' prefix; debug lines only when asked for. */
export function consoleLogger(options: ConsoleLoggerOptions = {}): PolicyLogger {
  return {
    debug: (message) => {
      if (options.debug) console.debug(LOG_PREFIX, oneLine(String(message)));
    },
    warn: (message) => console.warn(LOG_PREFIX, oneLine(String(message))),
    error: (message) => console.error(LOG_PREFIX, oneLine(String(message)))
  };
}

/**
 * Wraps a user's logger so that a throwing or incomplete one never breaks an API call, and so that
 * every line it gets is one line (core/one-line.ts: an OpenSSL message may hold a raw newline).
 */
export function guardedLogger(logger: Partial<PolicyLogger> | undefined): PolicyLogger {
  if (!logger) return consoleLogger();
  const write = (level: keyof PolicyLogger) => (message: string): void => {
    try {
      const method = logger[level];
      if (typeof method === 'function') method.call(logger, oneLine(String(message)));
    } catch {
      // The observer must never break the observed.
    }
  };
  return { debug: write('debug'), warn: write('warn'), error: write('error') };
}
