// Moves the functions only one phase needs into a factory that phase calls on first use, so a message makes only its own phase's functions (Node only).
//
// Akana runs pi_policy.js from its top level for every message, and Rhino makes every function the
// top level declares each time (shared/akana.md). A response message never runs the request phase's
// ~40 functions (client IP, query token, user info, the /ase/request body) but made them all. Here,
// on the finished ES5 script, every top-level function reachable from a root (requestPhase,
// responsePhase) and from nothing else, neither another function nor a top-level statement, moves
// with the root into `<root>Factory`, with the regex constants only they read
// (factory-constants.ts), and a forwarder of the root's name calls the factory once per
// message. Unlike a lazy kit (lazy-kits.ts), nothing is copied: the moved functions still see every
// top-level name. References are over-counted (any identifier of a function's name counts), so a
// doubtful function stays where it was. Measured in Rhino: the response message 6-9% less CPU (two
// A/B runs of four JVMs each), the request message the same.
import * as acorn from 'acorn';
import { constantsOnlyFor } from './factory-constants';

type Node = acorn.Node & { [key: string]: unknown };
type FunctionNode = Node & { id: { name: string }; params: Array<{ name: string }>; body: Node };

/** Every identifier name under a node, but property names after a dot and object-literal keys. */
function namesUnder(node: unknown, into: Set<string>): Set<string> {
  if (!node || typeof (node as Node).type !== 'string') return into;
  const n = node as Node;
  if (n.type === 'Identifier') into.add(n.name as string);
  for (const [key, value] of Object.entries(n)) {
    if (key === 'property' && n.type === 'MemberExpression' && !n.computed) continue;
    if (key === 'key' && n.type === 'Property' && !n.computed) continue;
    for (const child of Array.isArray(value) ? value : [value]) namesUnder(child, into);
  }
  return into;
}

/** The statements of the script's one IIFE (esbuild's `(function() { ... })();`); `step` names the build step that needs it. */
export function iifeBody(program: Node, label: string, step = 'phase factories need'): Node[] {
  const statements = (program.body as Node[]).filter((n) => n.type === 'ExpressionStatement');
  const call = statements.length === 1 ? (statements[0].expression as Node) : null;
  const callee = call && call.type === 'CallExpression' ? (call.callee as Node) : null;
  if (!callee || callee.type !== 'FunctionExpression') throw new Error(`${label}: ${step} the script to be one IIFE`);
  return (callee.body as Node).body as Node[];
}

/** The script with each root's exclusive functions moved into its factory; throws when a root is missing or a factory name is taken. */
export function movePhaseFunctions(code: string, roots: readonly string[], label: string): string {
  let script = code;
  for (const root of roots) {
    const program = acorn.parse(script, { ecmaVersion: 5 }) as unknown as Node;
    const body = iifeBody(program, label);
    const functions = new Map<string, FunctionNode>();
    const others: Node[] = [];
    for (const statement of body) {
      if (statement.type === 'FunctionDeclaration') functions.set((statement as FunctionNode).id.name, statement as FunctionNode);
      else others.push(statement);
    }
    const rootNode = functions.get(root);
    if (!rootNode) throw new Error(`${label}: no top-level function ${root} to give a phase factory`);
    // The forwarder passes the root's declared parameters: a root that reads `arguments` would lose the rest.
    if (namesUnder(rootNode.body, new Set()).has('arguments')) throw new Error(`${label}: ${root} reads arguments; a phase factory's forwarder passes only its parameters`);
    const names = namesUnder(program, new Set());
    for (const taken of [`${root}Factory`, `${root}Made`]) if (names.has(taken)) throw new Error(`${label}: ${taken} is already a name in the script`);

    const callees = new Map([...functions].map(([name, fn]) => [name, [...namesUnder(fn.body, new Set())].filter((n) => functions.has(n) && n !== name)]));
    const reachable = (starts: Iterable<string>, stopAt: string | null): Set<string> => {
      const seen = new Set<string>();
      const todo = [...starts];
      while (todo.length > 0) {
        const name = todo.pop() as string;
        if (seen.has(name) || name === stopAt) continue;
        seen.add(name);
        todo.push(...(callees.get(name) ?? []));
      }
      return seen;
    };
    const fromStatements = new Set<string>();
    for (const statement of others) for (const name of namesUnder(statement, new Set())) if (functions.has(name)) fromStatements.add(name);
    const elsewhere = reachable(fromStatements, root);
    const moved = [...reachable(callees.get(root) ?? [], root)].filter((name) => !elsewhere.has(name));

    const functionPieces = [...moved, root].map((name) => functions.get(name) as FunctionNode);
    // The regexes only these functions read go with them (factory-constants.ts), declared first.
    const constants = constantsOnlyFor(program, others, functionPieces);
    const pieces = [...functionPieces, ...constants].sort((a, b) => a.start - b.start);
    let rest = '';
    let declared = '';
    let inside = '';
    let at = 0;
    for (const piece of pieces) {
      rest += script.slice(at, piece.start);
      const text = `    ${script.slice(piece.start, piece.end).replace(/\n/g, '\n  ')}\n`;
      if (constants.indexOf(piece) >= 0) declared += text;
      else inside += text;
      at = piece.end;
    }
    rest += script.slice(at);
    const params = rootNode.params.map((p) => p.name).join(', ');
    // No initialiser: the var statement sits after the entry call; hoisted, it reads undefined until the first call sets it.
    const factory =
      `  var ${root}Made;\n` +
      `  function ${root}(${params}) {\n` +
      `    if (!${root}Made) ${root}Made = ${root}Factory();\n` +
      `    return ${root}Made(${params});\n` +
      '  }\n' +
      `  function ${root}Factory() {\n${declared}${inside}    return ${root};\n  }\n`;
    const close = rest.lastIndexOf('})();');
    if (close < 0) throw new Error(`${label}: the script does not end its IIFE with })();`);
    script = rest.slice(0, close) + factory + rest.slice(close);
  }
  return script;
}
