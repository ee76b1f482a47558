// Finds the top-level regex constants that only a factory's functions read, so the factory makes them instead of every message (Node only).
//
// Rhino makes a new RegExp object each time a regex literal is evaluated (ES5), about 0.2 µs at opt 0,
// and Akana runs pi_policy.js from its top level for every message: a usual message made the regexes
// of IPv6 parsing, of the URL fallbacks and of the request's method check whether it used them or
// not. A constant moves when its var statement declares it alone with a regex literal, nothing
// assigns it, and every reference to its name (over-counted: any identifier of that name, shadowed or
// not, outside property names) lies inside the functions that move into the factory. A moved
// constant is declared before the factory's functions, so it exists before any of them can run.
import * as acorn from 'acorn';
import { isReference, walk } from './script-walk';

type Node = acorn.Node & { [key: string]: unknown };

/** The var statements among `statements` whose regex only `movedFunctions` (nodes of the same program) read. */
export function constantsOnlyFor(program: Node, statements: readonly Node[], movedFunctions: readonly Node[]): Node[] {
  const candidates = new Map<string, Node>();
  for (const statement of statements) {
    if (statement.type !== 'VariableDeclaration') continue;
    const declarations = statement.declarations as Node[];
    const init = declarations.length === 1 ? (declarations[0].init as Node | null) : null;
    if (init && init.type === 'Literal' && init.regex) candidates.set((declarations[0].id as Node).name as string, statement);
  }
  const inside = (n: Node): boolean => movedFunctions.some((fn) => n.start >= fn.start && n.end <= fn.end);
  const readInside = new Set<string>();
  const disqualified = new Set<string>();
  walk(program, (n, parent, key) => {
    if (n.type === 'Identifier' && candidates.has(n.name as string) && isReference(parent, key)) {
      const name = n.name as string;
      // The declaration itself is not a use.
      if (parent && parent.type === 'VariableDeclarator' && key === 'id' && candidates.get(name) === findStatement(statements, parent)) return;
      if (parent && (parent.type === 'AssignmentExpression' || parent.type === 'UpdateExpression') && (key === 'left' || key === 'argument')) disqualified.add(name);
      else if (inside(n)) readInside.add(name);
      else disqualified.add(name);
    }
  });
  return [...candidates].filter(([name]) => readInside.has(name) && !disqualified.has(name)).map(([, statement]) => statement);
}

/** The top-level var statement a declarator belongs to, if any. */
function findStatement(statements: readonly Node[], declarator: Node): Node | undefined {
  return statements.find((s) => s.type === 'VariableDeclaration' && (s.declarations as Node[]).indexOf(declarator) >= 0);
}
