// attach (Node only): what attach prints: one line per implementation (has, adds, why OAuth), the summary, the --json document and the exit code.
import { label, type ImplementationPlan, type OurName } from './plan';
import type { OurPolicies } from './policy-catalog';
import type { WriteOutcome } from './write-phase';

export type Mode = 'apply' | 'dry-run' | 'check';

/** 0 nothing to do (all attached), 1 failed, 3 changed / would change / missing; 2 (usage) comes from argument parsing. */
export const EXIT = { nothingToDo: 0, failed: 1, usage: 2, changes: 3 } as const;

export function planLine(plan: ImplementationPlan, mode: Mode): string {
  if (!plan.present) return `${label(plan)}: no ${plan.impl} implementation`;
  const parts: string[] = [];
  const held = [...plan.has, ...plan.inherited.map((name) => `${name} (inherited)`)];
  if (held.length > 0) parts.push(`has ${held.join(', ')}`);
  if (plan.add.length > 0) parts.push(`${mode === 'check' ? 'MISSING' : mode === 'dry-run' ? 'would add' : 'will add'} ${plan.add.join(', ')}`);
  else parts.push('complete');
  for (const { name, operations } of plan.onOperations) parts.push(`${name} also on operation${operations.length === 1 ? '' : 's'} ${operations.join(', ')}`);
  parts.push(plan.oauth.protected ? `OAuth-protected: ${plan.oauth.reasons.join('; ')}` : 'not OAuth-protected');
  return `${label(plan)}: ${parts.join('; ')}`;
}

export interface Summary {
  implementations: number;
  absent: number;
  complete: number;
  /** Needing a change: changed in apply, would change in dry-run, missing in check. */
  needing: number;
  changed: number;
  failed: number;
  notAttempted: number;
  /** Per policy: how many implementations need (or got) it. */
  add: Record<OurName, number>;
}

export function summarize(plans: ImplementationPlan[], outcomes: WriteOutcome[] = []): Summary {
  const present = plans.filter((plan) => plan.present);
  const needing = present.filter((plan) => plan.add.length > 0);
  const count = (name: OurName) => needing.filter((plan) => plan.add.includes(name)).length;
  return {
    implementations: plans.length,
    absent: plans.length - present.length,
    complete: present.length - needing.length,
    needing: needing.length,
    changed: outcomes.filter((outcome) => outcome.status === 'changed').length,
    failed: outcomes.filter((outcome) => outcome.status === 'failed').length,
    notAttempted: outcomes.filter((outcome) => outcome.status === 'not-attempted').length,
    add: { pi_policy: count('pi_policy'), 'retain-header': count('retain-header') }
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function perPolicy(summary: Summary): string {
  return `pi_policy ${summary.add.pi_policy}, retain-header ${summary.add['retain-header']}`;
}

export function summaryLine(mode: Mode, summary: Summary): string {
  const present = summary.implementations - summary.absent;
  const absent = summary.absent > 0 ? `; ${summary.absent} not present (no such implementation)` : '';
  if (summary.needing === 0) {
    const what = mode === 'check' ? 'check passed' : 'nothing to do';
    return `${what}: all ${plural(present, 'implementation')} in scope have pi_policy, and the OAuth-protected ones retain-header${absent}`;
  }
  if (mode === 'check') return `check failed: ${summary.needing} of ${plural(present, 'implementation')} miss a policy (${perPolicy(summary)}); nothing was changed${absent}`;
  if (mode === 'dry-run') return `dry run: ${plural(summary.needing, 'implementation')} would change (${perPolicy(summary)}), ${summary.complete} complete; nothing was changed${absent}`;
  const failed = summary.failed + summary.notAttempted > 0 ? `, ${summary.failed} failed, ${summary.notAttempted} not attempted` : ', 0 failed';
  return `${summary.failed + summary.notAttempted > 0 ? 'finished with failures' : 'done'}: ${plural(summary.changed, 'implementation')} changed of ${summary.needing} needing it (${perPolicy(summary)})${failed}, ${summary.complete} already complete${absent}`;
}

export function exitCode(summary: Summary): number {
  if (summary.failed + summary.notAttempted > 0) return EXIT.failed;
  return summary.needing > 0 ? EXIT.changes : EXIT.nothingToDo;
}

function outcomeOf(plan: ImplementationPlan, mode: Mode, outcomes: WriteOutcome[]): { status: string; error?: string } {
  if (!plan.present) return { status: 'absent' };
  if (plan.add.length === 0) return { status: 'complete' };
  if (mode === 'check') return { status: 'missing' };
  if (mode === 'dry-run') return { status: 'would-change' };
  const outcome = outcomes.find((candidate) => candidate.plan === plan);
  if (outcome === undefined) return { status: 'not-attempted' };
  return outcome.status === 'failed' ? { status: 'failed', error: outcome.error } : { status: outcome.status };
}

/** The --json document: everything the text lines say, for pipelines. */
export function jsonReport(mode: Mode, platform: string, ours: OurPolicies, plans: ImplementationPlan[], outcomes: WriteOutcome[]): Record<string, unknown> {
  const summary = summarize(plans, outcomes);
  return {
    mode,
    platform,
    policies: {
      pi_policy: { PolicyKey: ours.pi.PolicyKey, Name: ours.pi.Name },
      'retain-header': { PolicyKey: ours.retain.PolicyKey, Name: ours.retain.Name }
    },
    implementations: plans.map((plan) => ({
      api: plan.api.name,
      apiId: plan.api.id,
      version: plan.version.name,
      apiVersionId: plan.version.id,
      implementation: plan.impl,
      ...outcomeOf(plan, mode, outcomes),
      present: plan.present,
      oauthProtected: plan.oauth.protected,
      oauthReasons: plan.oauth.reasons,
      has: plan.has,
      inherited: plan.inherited,
      onOperations: plan.onOperations,
      [mode === 'check' ? 'missing' : 'add']: plan.add
    })),
    summary,
    exitCode: exitCode(summary)
  };
}
