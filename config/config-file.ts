// Reads and validates an operator's configuration file: our JSON, or a config.js (Ping's or ours), problems in that file's own names (Node only).
import { readFile } from 'node:fs/promises';
import { validateConfig, type ConfigProblem } from '../policies/core/config';
import type { PolicyConfig } from '../policies/core/config-types';
import { akanaProblems, akanaRawConfig } from '../policies/hosts/akana/config-js';
import { AKANA_VARIABLES, readConfigJs } from './config-js-read';
import { configWarnings, unreadVariableWarnings } from './config-warnings';
import { validateConfigWithZod } from './config-schema';
import { lineColumn, locateJsonError } from './json-syntax';

/** json: our config JSON (camelCase paths); config.js: Akana's script (its variable names). */
export type ConfigFileKind = 'json' | 'config.js';

export type FileErrorKind = 'not-found' | 'unreadable' | 'not-json' | 'not-config-js';

export interface FileError {
  kind: FileErrorKind;
  message: string;
  /** 1-based, for not-json (and not-config-js when known). */
  line?: number;
  column?: number;
}

export type ValidateOutcome =
  | { status: 'valid'; kind: ConfigFileKind; nodes: number; config: PolicyConfig; raw: Record<string, unknown>; warnings: ConfigProblem[] }
  | { status: 'invalid'; kind: ConfigFileKind; problems: ConfigProblem[] }
  | { status: 'error'; error: FileError };

/** A file whose name ends in .js (or .cjs, .mjs) is read as config.js; anything else as JSON. */
export function configFileKind(path: string): ConfigFileKind {
  return /\.[cm]?js$/i.test(path) ? 'config.js' : 'json';
}

function readFailure(label: string, error: NodeJS.ErrnoException): FileError {
  if (error.code === 'ENOENT') return { kind: 'not-found', message: `${label} not found: check the path` };
  if (error.code === 'EISDIR') return { kind: 'unreadable', message: `${label} is a folder, not a configuration file` };
  if (error.code === 'EACCES' || error.code === 'EPERM') return { kind: 'unreadable', message: `cannot read ${label}: permission denied` };
  return { kind: 'unreadable', message: `cannot read ${label}: ${error.code ?? error.message}` };
}

function checkJson(text: string, label: string): ValidateOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const found = locateJsonError(text) ?? { offset: text.length, reason: 'not valid JSON' };
    const { line, column } = lineColumn(text, found.offset);
    return { status: 'error', error: { kind: 'not-json', message: `${label} is not valid JSON: line ${line}, column ${column}: ${found.reason}`, line, column } };
  }
  const result = validateConfigWithZod(raw);
  if (!result.ok) return { status: 'invalid', kind: 'json', problems: result.problems };
  return { status: 'valid', kind: 'json', nodes: result.config.nodes.length, config: result.config, raw: raw as Record<string, unknown>, warnings: configWarnings(result.config) };
}

/**
 * config.js through exactly what pi_policy.js does when it loads (akanaRawConfig, the core validator,
 * akanaProblems), so a file that passes here loads in Akana and a failure names the same variable.
 */
function checkConfigJs(text: string, label: string): ValidateOutcome {
  const read = readConfigJs(text);
  if (!read.ok) {
    const at = read.line === undefined ? '' : `line ${read.line}${read.column === undefined ? '' : `, column ${read.column}`}: `;
    return { status: 'error', error: { kind: 'not-config-js', message: `${label}: ${at}${read.reason}`, line: read.line, column: read.column } };
  }
  const raw = akanaRawConfig(read.globals);
  const result = validateConfig(raw);
  if (!result.ok) return { status: 'invalid', kind: 'config.js', problems: akanaProblems(result.problems, raw) };
  // Warnings in config.js's names too, and the variables it defines that the policy never reads.
  const warnings = [...akanaProblems(configWarnings(result.config), raw), ...unreadVariableWarnings(read.otherVariables, AKANA_VARIABLES)];
  return { status: 'valid', kind: 'config.js', nodes: result.config.nodes.length, config: result.config, raw, warnings };
}

/** Validates a configuration text of the given kind. Never throws for anything in the text. */
export function checkConfigText(text: string, kind: ConfigFileKind, label: string): ValidateOutcome {
  // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return kind === 'json' ? checkJson(body, label) : checkConfigJs(body, label);
}

/** Reads, parses and validates one configuration file (kind from its name). Never throws for file or content problems. */
export async function validateConfigFile(path: string, label: string = path): Promise<ValidateOutcome> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { status: 'error', error: readFailure(label, error as NodeJS.ErrnoException) };
  }
  return checkConfigText(text, configFileKind(path), label);
}

/** "nodes[0].url: must be ...": the messages start with their own path, which is said once. */
export function formatProblem(problem: ConfigProblem): string {
  const where = problem.path === '' ? '(config)' : problem.path;
  const message = problem.path !== '' && problem.message.startsWith(`${problem.path} `) ? problem.message.slice(problem.path.length + 1) : problem.message;
  return `${where}: ${message}`;
}
