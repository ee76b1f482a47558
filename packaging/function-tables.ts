// Makes the function declarations of a finished ES5 bundle's function bodies properties of one object per body, so that Rhino's name tables stop listing them (Node only).
//
// Why: Rhino compiles a script into one Java class whose getParamOrVarName and getParamOrVarConst
// list every parameter, variable and inner-function name of every function in the script. Past 8000
// bytes of bytecode HotSpot never compiles a method, and every activation object a message makes reads
// those two once per name of its function: the IIFE's alone holds each top-level function (measured
// with pi_policy.js: a request message 10% and a response message 13% cheaper when
// -XX:-DontCompileHugeMethods lets HotSpot compile them). A declaration `function f(a) {...}` is a name
// of the function around it; the same function made as `__fns1.f = function (a) {...};` at the top of
// that body is not (it keeps its own parameters and variables). Each use of `f` bound there becomes
// `__fns1.f`, and so do the body's own vars (`var a = 1;` -> `__fns1.a = 1;`). Per message the same
// functions are made, written to one object instead of the activation.
//
// Rhino names an anonymous function's method _c_anonymous_<n>; rhinoFunctionNames gives the names back
// (profiles, tests). Only bodies with two or more declarations are rewritten. A function that reads
// `this` stays a declaration (called as `__fns1.f()` its `this` would be the table). A converted name
// that is also a parameter or variable of the same body, or assigned anywhere, stops the build.
import * as acorn from 'acorn';

type Node = acorn.Node & { [key: string]: unknown };
type FunctionNode = Node & { id: Node | null; params: Node[]; body: Node };
/** What binds a name: a parameter, a var, a function declaration made into the table or kept (it reads this), a catch parameter, a named function expression's own name. */
type BindingKind = 'param' | 'var' | 'function' | 'kept' | 'catch' | 'self';

interface Scope {
  parent: Scope | null;
  /** Names bound here: what binds them, and for a function declaration its node. */
  names: Map<string, { kind: BindingKind; declaration?: FunctionNode }>;
  /** The function whose body this scope is (null for the program and for catch clauses). */
  fn: FunctionNode | null;
}

interface Edit {
  start: number;
  end: number;
  render: () => string;
}

/**
 * Names a table property must not take: a table is a plain object, so reading `__fns1.toString`
 * before the script sets it would find Object.prototype's, and `__proto__` would set the prototype.
 */
const OBJECT_PROTOTYPE_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', '__parent__']);

const isFunction = (n: Node): n is FunctionNode => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression';

function children(n: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(n)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    for (const child of Array.isArray(value) ? value : [value]) if (child && typeof (child as Node).type === 'string') out.push(child as Node);
  }
  return out;
}

/** Whether an Identifier under `parent` (at `key`) reads or writes a binding, rather than naming a property, label or declaration. */
function isReference(parent: Node, key: string): boolean {
  if (parent.type === 'MemberExpression' && key === 'property' && !parent.computed) return false;
  if (parent.type === 'Property' && key === 'key' && !parent.computed) return false;
  if (isFunction(parent) && (key === 'id' || key === 'params')) return false;
  if (parent.type === 'VariableDeclarator' && key === 'id') return false;
  if (parent.type === 'CatchClause' && key === 'param') return false;
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') return false;
  return true;
}

/** Hoists a function body's vars and declarations into its scope (nested functions keep theirs). */
function hoist(scope: Scope, body: Node, label: string): void {
  const visit = (n: Node): void => {
    if (n.type === 'VariableDeclarator') bind(scope, (n.id as Node).name as string, { kind: 'var' }, label);
    if (n.type === 'FunctionDeclaration') {
      bind(scope, ((n as FunctionNode).id as Node).name as string, { kind: 'function', declaration: n as FunctionNode }, label);
      return;
    }
    if (n.type === 'FunctionExpression') return;
    children(n).forEach(visit);
  };
  children(body).forEach(visit);
}

function bind(scope: Scope, name: string, binding: { kind: BindingKind; declaration?: FunctionNode }, label: string): void {
  const known = scope.names.get(name);
  if (known && (known.kind === 'function' || binding.kind === 'function') && scope.fn) {
    throw new Error(`${label}: ${name} is a function declaration and another binding of the same function body; the function-table rewrite would be ambiguous`);
  }
  if (!known) scope.names.set(name, binding);
}

/** Whether a function's own code (not its nested functions') reads `this`. */
function readsThis(fn: FunctionNode): boolean {
  const visit = (n: Node): boolean => n.type === 'ThisExpression' || (!isFunction(n) && children(n).some(visit));
  return children(fn.body).some(visit);
}

/**
 * The script with the function declarations of every function body that holds two or more made
 * properties of `__fns<k>` at the top of that body, and their uses rewritten.
 */
export function moveFunctionsToTables(code: string, label: string): string {
  const program = acorn.parse(code, { ecmaVersion: 5 }) as unknown as Node;
  if (/__fns\d/.test(code)) throw new Error(`${label}: the script already uses a __fns name`);
  const edits: Edit[] = [];
  let tables = 0;
  const tableOf = new Map<Scope, string>();

  const enterFunction = (fn: FunctionNode, parent: Scope): Scope => {
    const scope: Scope = { parent, names: new Map(), fn };
    for (const p of fn.params) bind(scope, p.name as string, { kind: 'param' }, label);
    hoist(scope, fn.body, label);
    for (const binding of scope.names.values()) if (binding.kind === 'function' && readsThis(binding.declaration as FunctionNode)) binding.kind = 'kept';
    if (fn.type === 'FunctionExpression' && fn.id && !scope.names.has(fn.id.name as string)) scope.names.set(fn.id.name as string, { kind: 'self' });
    const declarations = [...scope.names.values()].filter((b) => b.kind === 'function').map((b) => b.declaration as FunctionNode);
    if (declarations.length >= 2) {
      for (const [name, binding] of scope.names) {
        if ((binding.kind === 'function' || binding.kind === 'var') && OBJECT_PROTOTYPE_NAMES.has(name)) {
          throw new Error(`${label}: ${name} would be a property of a function table, where Object.prototype already has one; rename it`);
        }
      }
      const table = `__fns${++tables}`;
      tableOf.set(scope, table);
      for (const declaration of declarations) edits.push({ start: declaration.start, end: declaration.end, render: () => '' });
      const at = fn.body.start + 1;
      edits.push({
        start: at,
        end: at,
        render: () =>
          `\n  var ${table} = {};\n` +
          declarations
            .sort((a, b) => a.start - b.start)
            .map((d) => `  ${table}.${(d.id as Node).name as string} = function ${code.slice((d.id as Node).end, d.body.start)}${render(d.body.start, d.body.end)};\n`)
            .join('')
      });
    }
    return scope;
  };

  const resolve = (scope: Scope | null, name: string): Scope | null => {
    for (let s = scope; s; s = s.parent) if (s.names.has(name)) return s;
    return null;
  };

  const visit = (n: Node, scope: Scope, parent: Node | null, key: string): void => {
    if (n.type === 'Identifier' && parent && isReference(parent, key)) {
      const name = n.name as string;
      const owner = resolve(scope, name);
      const table = owner ? tableOf.get(owner) : undefined;
      const kind = owner && table ? owner.names.get(name)?.kind : undefined;
      if (kind === 'function' || kind === 'var') {
        if (kind === 'function' && parent.type === 'AssignmentExpression' && key === 'left') throw new Error(`${label}: ${name} is assigned; a function made into ${table} must stay one function`);
        if (parent.type === 'UnaryExpression' && parent.operator === 'delete') throw new Error(`${label}: ${name} is deleted`);
        edits.push({ start: n.start, end: n.end, render: () => `${table}.${name}` });
      }
      return;
    }
    if (n.type === 'VariableDeclaration' && parent) {
      // A var of a rewritten body becomes a property too: `var a = 1, b;` -> `__fnsK.a = 1;`. A
      // declarator naming a parameter or catch parameter assigns that one (what `var` does there).
      const declarators = n.declarations as Node[];
      const targetOf = (d: Node): string | null => {
        const name = (d.id as Node).name as string;
        const owner = resolve(scope, name);
        const table = owner ? tableOf.get(owner) : undefined;
        return owner && table && owner.names.get(name)?.kind === 'var' ? `${table}.${name}` : null;
      };
      const targets = declarators.map(targetOf);
      if (targets.some((t) => t !== null)) {
        const nameOf = (d: Node, i: number) => targets[i] ?? ((d.id as Node).name as string);
        const inForHead = (parent.type === 'ForStatement' && key === 'init') || (parent.type === 'ForInStatement' && key === 'left');
        edits.push({
          start: n.start,
          end: n.end,
          render: () => {
            if (parent.type === 'ForInStatement') return nameOf(declarators[0], 0);
            const parts = declarators.flatMap((d, i) => (d.init ? [`${nameOf(d, i)} = ${render((d.init as Node).start, (d.init as Node).end)}`] : []));
            return parts.join(', ') + (inForHead ? '' : ';');
          }
        });
        for (const d of declarators) if (d.init) visit(d.init as Node, scope, d, 'init');
        return;
      }
    }
    let inner = scope;
    if (isFunction(n)) inner = enterFunction(n, scope);
    else if (n.type === 'CatchClause') {
      inner = { parent: scope, names: new Map(), fn: null };
      inner.names.set((n.param as Node).name as string, { kind: 'catch' });
    }
    for (const [childKey, value] of Object.entries(n)) {
      if (childKey === 'type' || childKey === 'start' || childKey === 'end') continue;
      for (const child of Array.isArray(value) ? value : [value]) if (child && typeof (child as Node).type === 'string') visit(child as Node, inner, n, childKey);
    }
  };

  const top: Scope = { parent: null, names: new Map(), fn: null };
  hoist(top, program, label);
  visit(program, top, null, '');
  // Zero-width insertions before the edits that start at the same place.
  edits.sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));

  function render(start: number, end: number): string {
    let out = '';
    let at = start;
    for (const edit of edits) {
      if (edit.start < at || edit.end > end || edit.start < start) continue;
      out += code.slice(at, edit.start) + edit.render();
      at = edit.end;
    }
    return out + code.slice(at, end);
  }
  return render(0, code.length);
}

/**
 * The JS name of each function as Rhino numbers them in its generated methods (_c_<name>_<n>: n is the
 * function's place in source order, the script itself 0): a declaration's or named expression's
 * name, `t` for a function made as `__fnsK.t = function ...`, 'anonymous' otherwise.
 */
export function rhinoFunctionNames(code: string): string[] {
  const program = acorn.parse(code, { ecmaVersion: 5 }) as unknown as Node;
  const names = ['script'];
  const visit = (n: Node, parent: Node | null): void => {
    if (isFunction(n)) {
      let name = n.id ? (n.id.name as string) : 'anonymous';
      const left = parent && parent.type === 'AssignmentExpression' ? (parent.left as Node) : null;
      if (!n.id && left && left.type === 'MemberExpression' && !left.computed && (left.object as Node).type === 'Identifier' && /^__fns\d+$/.test((left.object as Node).name as string)) {
        name = (left.property as Node).name as string;
      }
      names.push(name);
    }
    for (const child of children(n)) visit(child, n);
  };
  visit(program, null);
  return names;
}
