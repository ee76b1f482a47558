// The one refusal of a config.js that pi_policy.js would reject, shared by package and upload (Node only).
import type { ConfigProblem } from '../policies/core/config';
import { checkConfigText, formatProblem } from './config-file';

/**
 * Throws one error naming every problem in config.js's variable names and both fixes, when the text
 * would load in Akana as CONFIG_INVALID (every call forwarded unchecked). Returns its warnings when it loads.
 */
export function refuseInvalidConfigJs(text: string, label: string): ConfigProblem[] {
  const outcome = checkConfigText(text, 'config.js', label);
  if (outcome.status === 'valid') return outcome.warnings;
  const details = outcome.status === 'invalid' ? outcome.problems.map((problem) => `  ${formatProblem(problem)}`) : [`  ${outcome.error.message}`];
  throw new Error(
    [
      `${label} does not validate: in Akana pi_policy.js would log CONFIG_INVALID and forward every call unchecked.`,
      ...details,
      `Fix the variable${details.length === 1 ? '' : 's'} named above in ${label} (check with "pi-akana validate ${label}"), or render it again from your JSON config ("pi-akana build --config <file.json>").`
    ].join('\n')
  );
}
