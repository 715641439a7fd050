/**
 * Shape expressions of custom layers ("input[-1]", "units * 2", "input[1] // 2"), parsed
 * and evaluated by this small interpreter — never by JavaScript eval — so a project file
 * can compute shapes on the main thread without running anyone's code.
 *
 * Grammar:  expr := term (('+'|'-') term)* ; term := unary (('*'|'//'|'%') unary)* ;
 *           unary := '-' unary | atom ; atom := number | 'None' | ident | ident '[' expr ']' | '(' expr ')'
 *           shape entry := expr | ident '[' expr? ':' expr? ']'   (a slice, spread into the shape)
 * Identifiers are the layer's params and `input` (the input shape, batch dim first;
 * negative indices count from the end). `None` is an unknown size; arithmetic with None is None.
 */

export type Value = number | null;
export type Env = Readonly<Record<string, number | boolean | readonly (number | null)[]>>;

type Node =
  | { t: 'num'; v: Value }
  | { t: 'id'; name: string }
  | { t: 'idx'; name: string; index: Node }
  | { t: 'neg'; e: Node }
  | { t: 'bin'; op: '+' | '-' | '*' | '//' | '%'; a: Node; b: Node };

const MAX_LEN = 500;

function tokenize(src: string): string[] {
  const out: string[] = [];
  const re = /\s*(\d+|[A-Za-z_][A-Za-z0-9_]*|\/\/|[-+*%()[\]:])/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new ExprError(`unexpected "${src.slice(pos).trim()[0]}" at position ${pos + 1}`);
    out.push(m[1]);
    pos = re.lastIndex;
  }
  return out;
}

export class ExprError extends Error {}

function parse(src: string): Node {
  if (src.length > MAX_LEN) throw new ExprError(`longer than ${MAX_LEN} characters`);
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const eat = (t?: string) => {
    const tok = toks[i];
    if (tok === undefined) throw new ExprError(t ? `expected "${t}" at the end` : 'unexpected end');
    if (t && tok !== t) throw new ExprError(`expected "${t}", got "${tok}"`);
    i++;
    return tok;
  };
  const expr = (): Node => {
    let a = term();
    while (peek() === '+' || peek() === '-') a = { t: 'bin', op: eat() as '+' | '-', a, b: term() };
    return a;
  };
  const term = (): Node => {
    let a = unary();
    while (peek() === '*' || peek() === '//' || peek() === '%') a = { t: 'bin', op: eat() as '*' | '//' | '%', a, b: unary() };
    return a;
  };
  const unary = (): Node => (peek() === '-' ? (eat(), { t: 'neg', e: unary() }) : atom());
  const atom = (): Node => {
    const tok = eat();
    if (/^\d+$/.test(tok)) return { t: 'num', v: Number(tok) };
    if (tok === 'None') return { t: 'num', v: null };
    if (tok === '(') {
      const e = expr();
      eat(')');
      return e;
    }
    if (/^[A-Za-z_]/.test(tok)) {
      if (peek() === '[') {
        eat('[');
        const index = expr();
        eat(']');
        return { t: 'idx', name: tok, index };
      }
      return { t: 'id', name: tok };
    }
    throw new ExprError(`unexpected "${tok}"`);
  };
  const e = expr();
  if (i < toks.length) throw new ExprError(`unexpected "${toks[i]}" after the expression`);
  return e;
}

/** `input[1:-1]` → the slice's bounds, or null when the entry is not a slice. */
function parseSlice(src: string): { name: string; from: string; to: string } | null {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\[([^:\]]*):([^:\]]*)\]\s*$/.exec(src);
  return m ? { name: m[1], from: m[2].trim(), to: m[3].trim() } : null;
}

function evaluate(n: Node, env: Env): Value {
  switch (n.t) {
    case 'num':
      return n.v;
    case 'id': {
      const v = env[n.name];
      if (v === undefined) throw new ExprError(`unknown name "${n.name}"; known: ${Object.keys(env).join(', ')}`);
      if (Array.isArray(v)) throw new ExprError(`"${n.name}" is a shape; index it, e.g. ${n.name}[-1]`);
      return typeof v === 'boolean' ? Number(v) : (v as number);
    }
    case 'idx': {
      const arr = env[n.name];
      if (!Array.isArray(arr)) throw new ExprError(`"${n.name}" is not a shape and cannot be indexed`);
      const k = evaluate(n.index, env);
      if (k === null) throw new ExprError(`index of ${n.name} is None`);
      const j = k < 0 ? arr.length + k : k;
      if (j < 0 || j >= arr.length) throw new ExprError(`${n.name}[${k}] is out of range for a rank-${arr.length} shape`);
      return arr[j];
    }
    case 'neg': {
      const v = evaluate(n.e, env);
      return v === null ? null : -v;
    }
    case 'bin': {
      const a = evaluate(n.a, env);
      const b = evaluate(n.b, env);
      if (a === null || b === null) return null;
      if ((n.op === '//' || n.op === '%') && b === 0) throw new ExprError('division by zero');
      switch (n.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '//': return Math.floor(a / b);
        case '%': return a - Math.floor(a / b) * b;
      }
    }
  }
}

/** Evaluate one expression; errors are returned as messages naming the expression. */
export function evalExpr(src: string, env: Env): { ok: true; value: Value } | { ok: false; message: string } {
  try {
    return { ok: true, value: evaluate(parse(src), env) };
  } catch (e) {
    if (e instanceof ExprError) return { ok: false, message: `"${src}": ${e.message}` };
    throw e;
  }
}

/** Evaluate a list of dimension expressions (slices spread) into a shape. */
export function evalShape(dims: readonly string[], env: Env): { ok: true; shape: Value[] } | { ok: false; message: string } {
  const shape: Value[] = [];
  for (const d of dims) {
    const sl = parseSlice(d);
    if (sl) {
      const arr = env[sl.name];
      if (!Array.isArray(arr)) return { ok: false, message: `"${d}": "${sl.name}" is not a shape` };
      const bound = (e: string, dflt: number) => (e === '' ? { ok: true as const, value: dflt } : evalExpr(e, env));
      const [a, b] = [bound(sl.from, 0), bound(sl.to, arr.length)];
      if (!a.ok) return a;
      if (!b.ok) return b;
      if (a.value === null || b.value === null) return { ok: false, message: `"${d}": slice bounds are None` };
      shape.push(...arr.slice(a.value, b.value));
      continue;
    }
    const r = evalExpr(d, env);
    if (!r.ok) return r;
    shape.push(r.value);
  }
  return { ok: true, shape };
}

/** Syntax check only, for inline editor errors. */
export function checkExpr(src: string): string | null {
  const sl = parseSlice(src);
  if (sl) return [sl.from, sl.to].map((e) => (e === '' ? null : checkExpr(e))).find((m) => m) ?? null;
  try {
    parse(src);
    return null;
  } catch (e) {
    return e instanceof ExprError ? e.message : String(e);
  }
}

/** The same expression in Python, with names renamed (input → input_shape, units → self.units). */
export function exprToPython(src: string, rename: (name: string) => string): string {
  const sl = parseSlice(src);
  if (sl) return `*${rename(sl.name)}[${sl.from && exprToPython(sl.from, rename)}:${sl.to && exprToPython(sl.to, rename)}]`;
  const pr = (n: Node, parent = 0): string => {
    switch (n.t) {
      case 'num': return n.v === null ? 'None' : String(n.v);
      case 'id': return rename(n.name);
      case 'idx': return `${rename(n.name)}[${pr(n.index)}]`;
      case 'neg': return `-${pr(n.e, 3)}`;
      case 'bin': {
        const prec = n.op === '+' || n.op === '-' ? 1 : 2;
        const s = `${pr(n.a, prec)} ${n.op} ${pr(n.b, prec + 1)}`;
        return prec < parent ? `(${s})` : s;
      }
    }
  };
  return pr(parse(src));
}
