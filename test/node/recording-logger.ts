// Test helper (Node): a PolicyLogger that keeps every line, for assertions on what the policy logged.
import type { PolicyLogger } from '../../policies/core/host';

export interface LoggedLine {
  level: 'debug' | 'warn' | 'error';
  message: string;
}

export function recordingLogger(): PolicyLogger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  return {
    lines,
    debug: (message) => lines.push({ level: 'debug', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message })
  };
}
