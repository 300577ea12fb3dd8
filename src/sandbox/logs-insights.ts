// The Logs Insights engine: runs a parsed query (logs-insights-parser.ts) over a stream of
// events. Commands are lazy stages over rows, so events are read once and never copied as
// a whole: filter/fields/parse pass rows through, `limit` stops early, `sort` keeps only the
// rows it can return (a heap bounded by the following limit or the query's limit), and
// `stats` keeps one accumulator per group.
//
// Ordering: with no `sort`, rows come out in event time order (oldest first), the order the
// sandbox reads them; real Insights promises no order then either.
// Output columns: `display` if given; else the `fields` and `parse` names in order (a
// `stats` replaces them by its by-fields then aggregates); with none of these,
// @timestamp and @message. Event rows carry @ptr; stats rows do not.
import {MinHeap} from './min-heap.js';
import {discoverFields, pointerOf, systemField, Timestamp, type InsightsEvent, type Value} from './logs-insights-fields.js';
import {malformed, parseInsightsQuery, type Command, type Expr, type Named} from './logs-insights-parser.js';

export interface CompiledQuery {
  readonly commands: readonly Command[];
  readonly columns: readonly string[];
}

export interface QueryOutcome {
  readonly rows: Array<Array<{field: string; value: string}>>;
  readonly statistics: {recordsMatched: number; recordsScanned: number; bytesScanned: number};
}

// One row per event (or per stats group). Its maps are created only when first needed:
// most rows of a large scan are read a few times and dropped.
class Row {
  private discovered?: Map<string, Value>;
  private assigned?: Map<string, Value>;
  constructor(
    readonly source: InsightsEvent | undefined,
    readonly sequence: number,
  ) {}

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

function outputColumns(commands: readonly Command[]): string[] {
  const display = commands.filter((command) => command.kind === 'display').at(-1);
  if (display) return [...display.names];
  let columns: string[] = [];
  let declared = false;
  for (const command of commands) {
    if (command.kind === 'fields') columns.push(...command.items.map((item) => item.name));
    if (command.kind === 'parse') columns.push(...command.names);
    if (command.kind === 'stats') columns = [...command.by.map((item) => item.name), ...command.aggregates.map((item) => item.name)];
    declared ||= command.kind === 'fields' || command.kind === 'stats';
  }
  return [...new Set(declared ? columns : ['@timestamp', '@message', ...columns])];
}

export function compileQuery(queryString: string): CompiledQuery {
  const commands = parseInsightsQuery(queryString);
  return {commands, columns: outputColumns(commands)};
}

// ---- expressions -------------------------------------------------------------------------

function toNumber(value: Value): number {
  if (value instanceof Timestamp) return value.ms;
  return typeof value === 'number' ? value : Number(value);
}

function isNumeric(value: Value): boolean {
  return typeof value === 'number' || value instanceof Timestamp;
}

function compare(left: Value, right: Value): number {
  if (isNumeric(left) || isNumeric(right)) return toNumber(left) - toNumber(right);
  return String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0;
}

const durationUnits: Readonly<Record<string, number>> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000};

function binWidth(value: Value): number {
  const match = /^(\d+(?:\.\d+)?)(ms|[smhdw])$/.exec(String(value));
  if (!match) throw malformed(`bin needs a period such as 5m, found ${String(value)}`);
  return Number(match[1]) * durationUnits[match[2]!]!;
}

function truthy(value: Value | boolean): boolean {
  return value !== undefined && value !== false && value !== 0 && value !== '';
}

function callFunction(name: string, args: readonly Expr[], row: Row): Value | boolean {
  const values = args.map((arg) => evaluate(arg, row));
  const [first] = values;
  switch (name) {
    case 'ispresent':
      return first !== undefined;
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
      throw malformed(`${name}() is an aggregate and belongs in stats`);
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

function evaluate(expr: Expr, row: Row): Value | boolean {
  switch (expr.kind) {
    case 'field':
      return row.get(expr.name);
    case 'literal':
      return expr.value;
    case 'not':
      return !truthy(evaluate(expr.expr, row));
    case 'call':
      return callFunction(expr.name, expr.args, row);
    case 'binary':
      return evaluateBinary(expr.op, expr.left, expr.right, row);
    default:
      throw malformed(`a ${expr.kind} cannot stand alone here`);
  }
}

function valueOf(expr: Expr, row: Row): Value {
  const value = evaluate(expr, row);
  return typeof value === 'boolean' ? String(value) : value;
}

// ---- stats ---------------------------------------------------------------------------------

interface Accumulator {
  add(value: Value): void;
  result(): Value;
}

function accumulator(name: string): Accumulator {
  let count = 0;
  let sum = 0;
  let best: Value;
  const distinct = new Set<string>();
  const pick = (value: Value, wantLess: boolean): void => {
    if (best === undefined || (wantLess ? compare(value, best) < 0 : compare(value, best) > 0)) best = value;
  };
  return {
    add(value) {
      if (value === undefined) return;
      count += 1;
      if (name === 'count_distinct') distinct.add(String(value));
      else if (name === 'sum' || name === 'avg') sum += toNumber(value);
      else if (name === 'min' || name === 'max') pick(value, name === 'min');
    },
    result() {
      if (name === 'count') return count;
      if (name === 'count_distinct') return distinct.size;
      if (name === 'sum') return sum;
      if (name === 'avg') return count === 0 ? undefined : sum / count;
      return best;
    },
  };
}

function* stats(command: Extract<Command, {kind: 'stats'}>, rows: Iterable<Row>): Generator<Row> {
  const groups = new Map<string, {keys: Value[]; accumulators: Accumulator[]}>();
  for (const row of rows) {
    const keys = command.by.map((item) => valueOf(item.expr, row));
    const groupKey = JSON.stringify(keys.map((key) => (key instanceof Timestamp ? key.ms : key)));
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = {keys, accumulators: command.aggregates.map((item) => accumulator((item.expr as {name: string}).name))}));
    command.aggregates.forEach((item, i) => {
      const [arg] = (item.expr as {args: readonly Expr[]}).args;
      group!.accumulators[i]!.add(arg === undefined || arg.kind === 'star' ? 1 : valueOf(arg, row));
    });
  }
  let sequence = 0;
  for (const group of groups.values()) {
    const row = new Row(undefined, sequence++);
    command.by.forEach((item: Named, i) => row.set(item.name, group.keys[i]));
    command.aggregates.forEach((item, i) => row.set(item.name, group.accumulators[i]!.result()));
    yield row;
  }
}

// ---- sort, limit, the pipeline -------------------------------------------------------------

function sorted(command: Extract<Command, {kind: 'sort'}>, rows: Iterable<Row>, keep: number): Row[] {
  const order = (a: Row, b: Row): number => {
    for (const {expr, descending} of command.keys) {
      const [x, y] = [valueOf(expr, a), valueOf(expr, b)];
      // Rows without the field sort last either way.
      const difference = x === undefined || y === undefined ? Number(x === undefined) - Number(y === undefined) : compare(x, y) * (descending ? -1 : 1);
      if (difference !== 0) return difference;
    }
    return a.sequence - b.sequence;
  };
  // The heap's root is the worst row kept, so a better newcomer replaces it.
  const heap = new MinHeap<Row>((a, b) => order(a, b) > 0);
  for (const row of rows) {
    heap.push(row);
    if (heap.size > keep) heap.pop();
  }
  return heap.toArray().sort(order);
}

function* take(rows: Iterable<Row>, count: number): Generator<Row> {
  if (count <= 0) return;
  let taken = 0;
  for (const row of rows) {
    yield row;
    if (++taken >= count) return;
  }
}

function* passThrough(command: Command, rows: Iterable<Row>): Generator<Row> {
  for (const row of rows) {
    if (command.kind === 'filter') {
      if (truthy(evaluate(command.expr, row))) yield row;
      continue;
    }
    if (command.kind === 'fields') for (const item of command.items) if (item.expr.kind !== 'field' || item.expr.name !== item.name) row.set(item.name, valueOf(item.expr, row));
    if (command.kind === 'parse') {
      const match = command.pattern.exec(String(row.get(command.source) ?? ''));
      if (match) command.names.forEach((name, i) => row.set(name, match.groups?.[name] ?? match[i + 1]));
    }
    yield row;
  }
}

function format(value: Value): string {
  return value instanceof Timestamp ? value.toString() : String(value);
}

export function runQuery(query: CompiledQuery, events: Iterable<InsightsEvent>, limit: number): QueryOutcome {
  const statistics = {recordsMatched: 0, recordsScanned: 0, bytesScanned: 0};
  let sequence = 0;
  let rows: Iterable<Row> = (function* () {
    for (const source of events) {
      statistics.recordsScanned += 1;
      statistics.bytesScanned += Buffer.byteLength(source.event.message);
      yield new Row(source, sequence++);
    }
  })();
  const {commands} = query;
  // Records "match" when they survive the event-level commands, before any stats/sort/limit.
  const boundary = commands.findIndex((command) => command.kind === 'stats' || command.kind === 'sort' || command.kind === 'limit');
  const countMatches = (input: Iterable<Row>): Iterable<Row> =>
    (function* () {
      for (const row of input) {
        statistics.recordsMatched += 1;
        yield row;
      }
    })();
  commands.forEach((command, index) => {
    if (index === boundary) rows = countMatches(rows);
    if (command.kind === 'stats') rows = stats(command, rows);
    else if (command.kind === 'limit') rows = take(rows, command.count);
    else if (command.kind === 'sort') {
      const next = commands[index + 1];
      rows = sorted(command, rows, Math.min(limit, next?.kind === 'limit' ? next.count : limit));
    } else rows = passThrough(command, rows);
  });
  if (boundary === -1) rows = countMatches(rows);
  const output = [...take(rows, limit)].map((row) => {
    const fields = query.columns.flatMap((field) => {
      const value = row.get(field);
      return value === undefined ? [] : [{field, value: format(value)}];
    });
    return row.source && !query.columns.includes('@ptr') ? [...fields, {field: '@ptr', value: pointerOf(row.source)}] : fields;
  });
  return {rows: output, statistics};
}
