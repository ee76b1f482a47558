// Moves the functions a message only needs on a rare path (failover, errors, async mode, hashing, IPv6...) into one factory made on first use, so a usual message never makes them (Node only).
//
// Akana runs pi_policy.js from its top level for every message, and Rhino makes every function the
// top level declares each time, and defines its name in the top level's activation object
// (shared/akana.md). Most of them only run when something unusual happens. Here, on the finished ES5
// script, the entry names rare roots; every top-level function reachable from a root and not from the
// usual path (the top-level statements and every function they reach without passing a root) moves
// into `<name>Factory`, with the regex constants only they read (factory-constants.ts), and each
// use of a root outside the factory becomes `<name>().<root>`: the
// factory runs on the first rare call of a message, once. Unlike a phase factory
// (phase-factories.ts), a root may be used from anywhere; unlike a lazy kit, nothing is copied.
// References are over-counted (any identifier of a function's name counts), so a doubtful function
// stays where it was. A root named as a local anywhere, read through `this`, assigned, or used by a
// top-level statement stops the build: the rewrite would be wrong or would make the factory on every
// message.
import * as acorn from 'acorn';
import { iifeBody } from './phase-factories';
import { constantsOnlyFor } from './factory-constants';
import { isReference, walk } from './script-walk';

type Node = acorn.Node & { [key: string]: unknown };
type FunctionNode = Node & { id: { name: string } | null; params: Node[]; body: Node };

/** Every identifier name referenced under a node. */
function referencesUnder(node: unknown): Set<string> {
  const names = new Set<string>();
  walk(node, (n, parent, key) => {
    if (n.type === 'Identifier' && isReference(parent, key)) names.add(n.name as string);
  });
  return names;
}

/** Names bound anywhere below the IIFE's own scope: parameters, variables and functions of nested functions, catch parameters. */
function innerBindings(topFunctions: FunctionNode[], topVariables: Node[]): Set<string> {
  const bound = new Set<string>();
  const bindParams = (fn: FunctionNode) => fn.params.forEach((p) => bound.add(p.name as string));
  for (const fn of topFunctions) {
    bindParams(fn);
    walk(fn.body, (n) => {
      if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') {
        const inner = n as FunctionNode;
        if (inner.id) bound.add(inner.id.name);
        bindParams(inner);
      } else if (n.type === 'VariableDeclarator') bound.add((n.id as Node).name as string);
      else if (n.type === 'CatchClause' && n.param) bound.add((n.param as Node).name as string);
    });
  }
  for (const statement of topVariables) {
    walk(statement, (n) => {
      if (n.type === 'FunctionExpression') {
        const inner = n as FunctionNode;
        if (inner.id) bound.add(inner.id.name);
        bindParams(inner);
        walk(inner.body, (m) => {
          if (m.type === 'VariableDeclarator') bound.add((m.id as Node).name as string);
          else if (m.type === 'CatchClause' && m.param) bound.add((m.param as Node).name as string);
          else if (m.type === 'FunctionDeclaration' && (m as FunctionNode).id) bound.add((m as FunctionNode).id!.name);
        });
      }
    });
  }
  return bound;
}

/** The one name a var statement declares. */
export function declaredName(statement: Node): string {
  return ((statement.declarations as Node[])[0].id as Node).name as string;
}

/** A rare factory as an entry names it: the factory's name and its roots (top-level functions of the finished script). */
export interface RareFactorySpec {
  name: string;
  roots: readonly string[];
}

export interface RareFactoryResult {
  code: string;
  /** The functions moved into the factory, in script order. */
  moved: string[];
  /** The regex constants moved with them (factory-constants.ts), in script order. */
  constants: string[];
}

/**
 * The script with every function only the rare roots reach moved into `<name>Factory`, and each
 * use of a root on the usual path made `<name>().<root>`. Throws on a root that is missing, bound
 * as a local anywhere, assigned, read through `this`, or used by a top-level statement, and on a
 * factory name the script already uses.
 */
export function moveRareFunctions(code: string, name: string, roots: readonly string[], label: string): RareFactoryResult {
  const program = acorn.parse(code, { ecmaVersion: 5 }) as unknown as Node;
  const body = iifeBody(program, label, 'a rare factory needs');
  const functions = new Map<string, FunctionNode>();
  const others: Node[] = [];
  for (const statement of body) {
    if (statement.type === 'FunctionDeclaration') functions.set((statement as FunctionNode).id!.name, statement as FunctionNode);
    else others.push(statement);
  }
  const allNames = referencesUnder(program);
  for (const taken of [name, `${name}Factory`, `${name}Made`]) if (allNames.has(taken)) throw new Error(`${label}: ${taken} is already a name in the script`);

  const rootSet = new Set(roots);
  const bound = innerBindings([...functions.values()], others);
  const fromStatements = new Set<string>();
  for (const statement of others) for (const n of referencesUnder(statement)) if (functions.has(n)) fromStatements.add(n);
  for (const root of roots) {
    const fn = functions.get(root);
    if (!fn) throw new Error(`${label}: no top-level function ${root} for the rare factory`);
    if (bound.has(root)) throw new Error(`${label}: ${root} is also a local name somewhere; the rare factory's rewrite would be ambiguous`);
    if (fromStatements.has(root)) throw new Error(`${label}: ${root} is used by a top-level statement, so every message would make the rare factory`);
    let usesThis = false;
    walk(fn.body, (n) => {
      if (n.type === 'ThisExpression') usesThis = true;
    });
    if (usesThis) throw new Error(`${label}: ${root} reads this; called as ${name}().${root} it would see another this`);
  }
  walk(program, (n) => {
    if (n.type === 'AssignmentExpression' && (n.left as Node).type === 'Identifier' && rootSet.has((n.left as Node).name as string)) {
      throw new Error(`${label}: ${(n.left as Node).name as string} is assigned; a rare root must stay one function`);
    }
  });

  const callees = new Map([...functions].map(([fnName, fn]) => [fnName, [...referencesUnder(fn.body)].filter((n) => functions.has(n) && n !== fnName)]));
  const reachable = (starts: Iterable<string>, stop: Set<string>): Set<string> => {
    const seen = new Set<string>();
    const todo = [...starts];
    while (todo.length > 0) {
      const next = todo.pop() as string;
      if (seen.has(next) || stop.has(next)) continue;
      seen.add(next);
      todo.push(...(callees.get(next) ?? []));
    }
    return seen;
  };
  const rare = reachable(roots, new Set());
  // The usual path: what the top level reaches without passing a root, and whatever no root reaches.
  const usual = reachable([...fromStatements, ...[...functions.keys()].filter((n) => !rare.has(n))], rootSet);
  const moved = [...functions.keys()].filter((n) => rare.has(n) && !usual.has(n));

  // Rewrite the roots' uses in the functions that stay (the moved ones see the roots as siblings).
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const [fnName, fn] of functions) {
    if (moved.includes(fnName)) continue;
    walk(fn.body, (n, parent, key) => {
      if (n.type === 'Identifier' && rootSet.has(n.name as string) && isReference(parent, key)) {
        edits.push({ start: n.start, end: n.end, text: `${name}().${n.name as string}` });
      }
    });
  }
  const pieces = moved.map((n) => functions.get(n) as FunctionNode);
  // The regexes only moved functions read go with them (factory-constants.ts), declared first.
  const constants = constantsOnlyFor(program, others, pieces);
  let rest = '';
  let declared = '';
  let inside = '';
  let at = 0;
  const cuts = [
    ...edits.map((e) => ({ ...e, moved: '' })),
    ...pieces.map((p) => ({ start: p.start, end: p.end, text: '', moved: 'function' })),
    ...constants.map((c) => ({ start: c.start, end: c.end, text: '', moved: 'constant' }))
  ].sort((a, b) => a.start - b.start);
  for (const cut of cuts) {
    rest += code.slice(at, cut.start);
    const piece = `    ${code.slice(cut.start, cut.end).replace(/\n/g, '\n  ')}\n`;
    if (cut.moved === 'function') inside += piece;
    else if (cut.moved === 'constant') declared += piece;
    else rest += cut.text;
    at = cut.end;
  }
  rest += code.slice(at);
  const exported = roots.map((root) => `${root}: ${root}`).join(', ');
  // No initialiser: the var statement sits after the entry call; hoisted, it reads undefined until the first rare call sets it.
  const factory =
    `  var ${name}Made;\n` +
    `  function ${name}() {\n` +
    `    return ${name}Made || (${name}Made = ${name}Factory());\n` +
    '  }\n' +
    `  function ${name}Factory() {\n${declared}${inside}    return { ${exported} };\n  }\n`;
  const close = rest.lastIndexOf('})();');
  if (close < 0) throw new Error(`${label}: the script does not end its IIFE with })();`);
  return { code: rest.slice(0, close) + factory + rest.slice(close), moved, constants: constants.map(declaredName) };
}
