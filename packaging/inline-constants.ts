// Replaces each read of a top-level table of constants (Codes.TIMEOUT) with its literal value and drops the table, in a finished ES5 script (Node only).
//
// Akana runs pi_policy.js from its top level for every message, and Rhino builds every object
// literal of the top level each time: the table of outcome codes is 21 properties made per message
// (about 1 µs in Rhino, opt 0) only for its values to be read, each read a scope lookup and a
// property get. The sources keep the table (errors.ts spells every code once); the bundle gets the
// literals. Only a table whose every use is a plain read of one of its own keys is inlined: anything
// else (the table passed on, a computed key, a write, a missing key, a value that is not a string
// or number literal) leaves the script as it was and throws, so the build says which.
import * as acorn from 'acorn';
import { iifeBody } from './phase-factories';

type Node = acorn.Node & { [key: string]: unknown };

/** Every node under `node` with its parent, depth first. */
function walk(node: Node, parent: Node | null, visit: (node: Node, parent: Node | null) => void): void {
  visit(node, parent);
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof (child as Node).type === 'string') walk(child as Node, node, visit);
    }
  }
}

/** The table's literal values by key, from `var name = { KEY: "text", ... };` at the IIFE's top level. */
function tableOf(statements: Node[], name: string, label: string): { statement: Node; declarator: Node; values: Map<string, string> } {
  for (const statement of statements) {
    if (statement.type !== 'VariableDeclaration') continue;
    const declarations = statement.declarations as Node[];
    const declaration = declarations.find((d) => (d.id as Node).name === name);
    if (!declaration) continue;
    if (declarations.length !== 1) throw new Error(`${label}: ${name} shares its var statement; it cannot be inlined`);
    const init = declaration.init as Node | null;
    if (!init || init.type !== 'ObjectExpression') throw new Error(`${label}: ${name} is not an object literal; it cannot be inlined`);
    const values = new Map<string, string>();
    for (const property of init.properties as Node[]) {
      const key = property.key as Node;
      const value = property.value as Node;
      const keyName = key.type === 'Identifier' ? (key.name as string) : String(key.value);
      if (property.computed || value.type !== 'Literal' || (typeof value.value !== 'string' && typeof value.value !== 'number')) {
        throw new Error(`${label}: ${name}.${keyName} is not a string or number literal; ${name} cannot be inlined`);
      }
      values.set(keyName, JSON.stringify(value.value));
    }
    return { statement, declarator: declaration, values };
  }
  throw new Error(`${label}: no top-level var ${name} to inline`);
}

/** The script with every `name.KEY` of each named table replaced by its literal and the table's declaration removed. */
export function inlineConstantTables(code: string, names: readonly string[], label: string): string {
  const program = acorn.parse(code, { ecmaVersion: 5, ranges: true }) as unknown as Node;
  const statements = iifeBody(program, label, 'inlining constant tables needs');
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const written = writeTargets(program);
  for (const name of names) {
    const table = tableOf(statements, name, label);
    walk(program, null, (node, parent) => {
      if (node.type !== 'Identifier' || node.name !== name || !parent) return;
      if (parent === table.declarator) return;
      // Another object's property of the same name (x.Codes, { Codes: ... }) is not the table.
      if (parent.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
      if (parent.type === 'Property' && parent.key === node && !parent.computed) return;
      // A function, parameter or inner var of the same name would shadow the table: not ours to touch.
      if (parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression' || parent.type === 'VariableDeclarator' || parent.type === 'CatchClause') {
        throw new Error(`${label}: ${name} is declared again (at offset ${node.start}); it cannot be inlined`);
      }
      const read = parent.type === 'MemberExpression' && parent.object === node && !parent.computed && !written.has(parent.start + ':' + parent.end);
      if (!read) throw new Error(`${label}: ${name} is used other than as ${name}.KEY (at offset ${node.start}); it cannot be inlined`);
      const key = (parent.property as Node).name as string;
      const literal = table.values.get(key);
      if (literal === undefined) throw new Error(`${label}: ${name}.${key} is not a key of ${name}`);
      edits.push({ start: parent.start, end: parent.end, text: literal });
    });
    edits.push({ start: table.statement.start, end: table.statement.end, text: '' });
  }
  let out = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** Where the script writes (assignment targets, ++/-- and delete operands), as "start:end": such a member is no read. */
function writeTargets(program: Node): Set<string> {
  const targets = new Set<string>();
  walk(program, null, (node) => {
    const target = node.type === 'AssignmentExpression' ? (node.left as Node) : node.type === 'UpdateExpression' || (node.type === 'UnaryExpression' && node.operator === 'delete') ? (node.argument as Node) : null;
    if (target) targets.add(target.start + ':' + target.end);
  });
  return targets;
}

/** Where each name is declared: function names, parameters, vars and catch parameters, at any depth. */
function declarationCounts(program: Node): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (name: unknown) => {
    if (typeof name === 'string') counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  walk(program, null, (node) => {
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') {
      if (node.id) count((node.id as Node).name);
      for (const param of node.params as Node[]) count(param.name);
    } else if (node.type === 'VariableDeclarator') {
      count((node.id as Node).name);
    } else if (node.type === 'CatchClause' && node.param) {
      count((node.param as Node).name);
    }
  });
  return counts;
}

/**
 * The script with every top-level `var NAME = "text";` (or a number) that nothing writes and no
 * other declaration shadows inlined at its reads, its declaration removed: each such var is a slot of
 * the top level's activation object, made and named per message in Rhino, and each read a scope
 * lookup. Regular expressions stay (a literal makes a new object where it is evaluated).
 */
export function inlineLiteralVars(code: string, label: string): string {
  const program = acorn.parse(code, { ecmaVersion: 5, ranges: true }) as unknown as Node;
  const statements = iifeBody(program, label, 'inlining literal vars needs');
  const declared = declarationCounts(program);
  const literals = new Map<string, { text: string; statement: Node }>();
  for (const statement of statements) {
    if (statement.type !== 'VariableDeclaration' || (statement.declarations as Node[]).length !== 1) continue;
    const declarator = (statement.declarations as Node[])[0];
    const init = declarator.init as Node | null;
    const name = (declarator.id as Node).name as string;
    if (!init || init.type !== 'Literal' || init.regex || (typeof init.value !== 'string' && typeof init.value !== 'number')) continue;
    if (declared.get(name) !== 1) continue;
    literals.set(name, { text: JSON.stringify(init.value), statement });
  }
  const written = writeTargets(program);
  const reads: Array<{ start: number; end: number; name: string }> = [];
  walk(program, null, (node, parent) => {
    if (node.type !== 'Identifier' || !literals.has(node.name as string) || !parent) return;
    if (parent.type === 'VariableDeclarator' && parent.id === node) return;
    if (parent.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
    if (parent.type === 'Property' && parent.key === node && !parent.computed) return;
    if (written.has(node.start + ':' + node.end)) literals.delete(node.name as string);
    else reads.push({ start: node.start, end: node.end, name: node.name as string });
  });
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const read of reads) {
    const literal = literals.get(read.name);
    if (literal) edits.push({ start: read.start, end: read.end, text: literal.text });
  }
  for (const literal of literals.values()) edits.push({ start: literal.statement.start, end: literal.statement.end, text: '' });
  let out = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
