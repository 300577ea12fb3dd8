// Logs Insights expressions: the row an expression reads (an event's system, discovered
// and assigned fields, or a stats group's results) and the evaluation of filter/fields/sort
// expressions over it. Comparisons are numeric when either side is a number or a time,
// textual otherwise; a missing field makes a comparison false.
import {discoverFields, systemField, Timestamp, type InsightsEvent, type Value} from './logs-insights-fields.js';
import {aggregateFunctions, malformed, type Expr} from './logs-insights-parser.js';
// One row per event (or per stats group). Its maps are created only when first needed:
// most rows of a large scan are read a few times and dropped.
export class Row {
  private discovered?: Map<string, Value>;
  private assigned?: Map<string, Value>;
  constructor(
    readonly source: InsightsEvent | undefined,
    readonly sequence: number,
    /** On a stats row: each aggregate call's result for the row's group. */
    private readonly aggregates?: ReadonlyMap<Expr, Value>,
  ) {}

  aggregate(call: Expr): Value {
    if (!this.aggregates?.has(call)) throw malformed('aggregate functions belong in stats');
    return this.aggregates.get(call);
  }

  set(name: string, value: Value): void {
    (this.assigned ??= new Map()).set(name, value);
  }

  get(name: string): Value {
    if (this.assigned?.has(name)) return this.assigned.get(name);
    if (!this.source) return undefined;
    const system = systemField(this.source, name);
    if (system !== undefined) return system;
    this.discovered ??= discoverFields(this.source.event.message);
    return this.discovered.get(name);
  }
}


// ---- expressions -------------------------------------------------------------------------

export function toNumber(value: Value): number {
  if (value instanceof Timestamp) return value.ms;
  return typeof value === 'number' ? value : Number(value);
}

function isNumeric(value: Value): boolean {
  return typeof value === 'number' || value instanceof Timestamp;
}

export function compare(left: Value, right: Value): number {
  if (isNumeric(left) || isNumeric(right)) return toNumber(left) - toNumber(right);
  return String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0;
}

const durationUnits: Readonly<Record<string, number>> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000};

export function binWidth(value: Value): number {
  const match = /^(\d+(?:\.\d+)?)(ms|[smhdw])$/.exec(String(value));
  if (!match) throw malformed(`bin needs a period such as 5m, found ${String(value)}`);
  return Number(match[1]) * durationUnits[match[2]!]!;
}

export function truthy(value: Value | boolean): boolean {
  return value !== undefined && value !== false && value !== 0 && value !== '';
}

function callFunction(name: string, args: readonly Expr[], row: Row): Value | boolean {
  const values = args.map((arg) => evaluate(arg, row));
  const [first] = values;
  switch (name) {
    case 'ispresent':
      return first !== undefined;
    case 'coalesce':
      return values.find((value) => value !== undefined);
    case 'bin': {
      const width = binWidth(first as Value);
      const time = toNumber(row.get('@timestamp'));
      return new Timestamp(Math.floor(time / width) * width);
    }
    case 'tolower':
      return first === undefined ? undefined : String(first).toLowerCase();
    case 'toupper':
      return first === undefined ? undefined : String(first).toUpperCase();
    case 'strlen':
      return first === undefined ? undefined : String(first).length;
    case 'concat':
      return values.map((value) => (value === undefined ? '' : String(value))).join('');
    case 'abs':
      return first === undefined ? undefined : Math.abs(toNumber(first as Value));
    case 'floor':
      return first === undefined ? undefined : Math.floor(toNumber(first as Value));
    case 'ceil':
      return first === undefined ? undefined : Math.ceil(toNumber(first as Value));
    default:
      throw malformed(`unknown function ${name}`);
  }
}

function evaluateBinary(op: string, left: Expr, right: Expr, row: Row): Value | boolean {
  if (op === 'and') return truthy(evaluate(left, row)) && truthy(evaluate(right, row));
  if (op === 'or') return truthy(evaluate(left, row)) || truthy(evaluate(right, row));
  const a = valueOf(left, row);
  if (op === 'like' || op === '=~') {
    if (a === undefined) return false;
    return right.kind === 'regex' ? right.regex.test(String(a)) : String(a).includes(String(evaluate(right, row)));
  }
  if (op === 'in') return a !== undefined && right.kind === 'list' && right.items.some((item) => compare(a, valueOf(item, row)) === 0);
  const b = valueOf(right, row);
  if (a === undefined || b === undefined) return op === '!=' ? a !== b : undefined;
  switch (op) {
    case '=':
      return compare(a, b) === 0;
    case '!=':
      return compare(a, b) !== 0;
    case '<':
      return compare(a, b) < 0;
    case '<=':
      return compare(a, b) <= 0;
    case '>':
      return compare(a, b) > 0;
    case '>=':
      return compare(a, b) >= 0;
    case '+':
      return toNumber(a) + toNumber(b);
    case '-':
      return toNumber(a) - toNumber(b);
    case '*':
      return toNumber(a) * toNumber(b);
    case '/':
      return toNumber(a) / toNumber(b);
    default:
      return toNumber(a) % toNumber(b);
  }
}

export function evaluate(expr: Expr, row: Row): Value | boolean {
  switch (expr.kind) {
    case 'field':
      return row.get(expr.name);
    case 'literal':
      return expr.value;
    case 'not':
      return !truthy(evaluate(expr.expr, row));
    case 'call':
      return aggregateFunctions.has(expr.name) ? row.aggregate(expr) : callFunction(expr.name, expr.args, row);
    case 'binary':
      return evaluateBinary(expr.op, expr.left, expr.right, row);
    default:
      throw malformed(`a ${expr.kind} cannot stand alone here`);
  }
}

export function valueOf(expr: Expr, row: Row): Value {
  const value = evaluate(expr, row);
  return typeof value === 'boolean' ? String(value) : value;
}
