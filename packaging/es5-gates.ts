// The two ES5 gates every bundle passes: ES5 syntax (acorn) and a smoke run without ES2015+ built-ins (es5-context.ts) (Node only).
import * as acorn from 'acorn';
import { smokeRun } from './es5-context';

export { runInStrippedContext, type StrippedRunOptions } from './es5-context';

/** Throws when `code` is not ES5 syntax; the message names the bundle, line, column and the offending text. */
export function assertEs5Syntax(code: string, label: string): void {
  try {
    acorn.parse(code, { ecmaVersion: 5, sourceType: 'script', locations: true });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    if (!(error instanceof SyntaxError) || !loc) throw error;
    const reason = error.message.replace(/\s*\(\d+:\d+\)$/, '');
    const lineText = code.split('\n')[loc.line - 1] ?? '';
    const snippet = lineText.slice(Math.max(0, loc.column - 30), loc.column + 50).trim();
    throw new Error(`${label} is not ES5: ${reason} at line ${loc.line}, column ${loc.column + 1}, near "${snippet}"`);
  }
}

/** Both gates; the smoke run must not throw with the given stand-in globals. Returns the completion value. */
export function gateBundle(code: string, label: string, smokeGlobals: Record<string, unknown>): unknown {
  assertEs5Syntax(code, label);
  return smokeRun(code, label, smokeGlobals);
}
