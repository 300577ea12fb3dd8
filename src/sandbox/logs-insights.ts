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
import {pointerOf, Timestamp, type InsightsEvent, type Value} from './logs-insights-fields.js';
import {binWidth, compare, evaluate, Row, toNumber, truthy, valueOf} from './logs-insights-eval.js';
import {aggregateCalls, aggregateFunctions, malformed, parseInsightsQuery, type Command, type Expr, type Named} from './logs-insights-parser.js';

export interface CompiledQuery {
  readonly commands: readonly Command[];
  readonly columns: readonly string[];
}

export interface QueryOutcome {
  readonly rows: Array<Array<{field: string; value: string}>>;
  readonly statistics: {recordsMatched: number; recordsScanned: number; bytesScanned: number};
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

function expressionsOf(command: Command): Expr[] {
  switch (command.kind) {
    case 'fields':
      return command.items.map((item) => item.expr);
    case 'filter':
      return [command.expr];
    case 'sort':
      return command.keys.map((key) => key.expr);
    case 'stats':
      return command.by.map((item) => item.expr);
    default:
      return [];
  }
}

function* subExpressions(expr: Expr): Generator<Expr> {
  yield expr;
  if (expr.kind === 'call') for (const arg of expr.args) yield* subExpressions(arg);
  if (expr.kind === 'binary') yield* [...subExpressions(expr.left), ...subExpressions(expr.right)];
  if (expr.kind === 'not') yield* subExpressions(expr.expr);
  if (expr.kind === 'list') for (const item of expr.items) yield* subExpressions(item);
}

/** Mistakes Insights reports when the query compiles, not when it runs. */
function checkExpressions(commands: readonly Command[]): void {
  for (const call of commands.flatMap((command) => (command.kind === 'stats' ? command.aggregates.flatMap((item) => aggregateCalls(item.expr)) : []))) {
    const [, rank] = call.args;
    if (call.name === 'pct' && (call.args.length !== 2 || rank?.kind !== 'literal' || typeof rank.value !== 'number' || rank.value > 100)) throw malformed('pct needs a field and a percentile from 0 to 100, as in pct(@duration, 95)');
  }
  const inStats = commands.flatMap((command) => (command.kind === 'stats' ? command.aggregates.flatMap((item) => aggregateCalls(item.expr).flatMap((call) => call.args)) : []));
  for (const expr of [...commands.flatMap(expressionsOf), ...inStats]) {
    for (const part of subExpressions(expr)) {
      if (part.kind !== 'call') continue;
      if (aggregateFunctions.has(part.name)) throw malformed(`${part.name}() is an aggregate and belongs in stats`);
      if (part.name === 'bin') binWidth(part.args[0]?.kind === 'literal' ? part.args[0].value : undefined);
    }
  }
}

export function compileQuery(queryString: string): CompiledQuery {
  const commands = parseInsightsQuery(queryString);
  checkExpressions(commands);
  return {commands, columns: outputColumns(commands)};
}

// ---- stats ---------------------------------------------------------------------------------
// Every accumulator is O(1) per group except pct, which keeps the group's values of its
// argument (numbers only) to rank them at the end: the bound is one number per matching
// record of the group, i.e. at most recordsMatched numbers for the whole query.

interface Accumulator {
  add(value: Value, row: Row): void;
  result(): Value;
}

/** pct(expr, P): nearest rank, the smallest value with at least P% of the values at or below it. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function percentileAccumulator(p: number): Accumulator {
  let values = new Float64Array(64);
  let size = 0;
  return {
    add(value) {
      const number = toNumber(value);
      if (value === undefined || Number.isNaN(number)) return;
      if (size === values.length) {
        const grown = new Float64Array(values.length * 2);
        grown.set(values);
        values = grown;
      }
      values[size++] = number;
    },
    result: () => nearestRank(values.subarray(0, size).sort(), p),
  };
}

/** earliest/latest: the value from the record with the lowest/highest @timestamp. */
function timedAccumulator(latest: boolean): Accumulator {
  let best: {value: Value; at: number} | undefined;
  return {
    add(value, row) {
      const at = toNumber(row.get('@timestamp'));
      if (best === undefined || (latest ? at >= best.at : at < best.at)) best = {value, at};
    },
    result: () => best?.value,
  };
}

function accumulator(call: AggregateCall): Accumulator {
  const {name} = call;
  if (name === 'pct') return percentileAccumulator(Number((call.args[1] as {value: number}).value));
  if (name === 'earliest' || name === 'latest') return timedAccumulator(name === 'latest');
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

type AggregateCall = Extract<Expr, {kind: 'call'}>;

function* stats(command: Extract<Command, {kind: 'stats'}>, rows: Iterable<Row>): Generator<Row> {
  const calls = command.aggregates.flatMap((item) => aggregateCalls(item.expr));
  const groups = new Map<string, {keys: Value[]; accumulators: Accumulator[]}>();
  for (const row of rows) {
    const keys = command.by.map((item) => valueOf(item.expr, row));
    const groupKey = JSON.stringify(keys.map((key) => (key instanceof Timestamp ? key.ms : key)));
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = {keys, accumulators: calls.map(accumulator)}));
    calls.forEach((call, i) => {
      const [arg] = call.args;
      group!.accumulators[i]!.add(arg === undefined || arg.kind === 'star' ? 1 : valueOf(arg, row), row);
    });
  }
  let sequence = 0;
  for (const group of groups.values()) {
    const results = new Map<AggregateCall, Value>(calls.map((call, i) => [call, group.accumulators[i]!.result()]));
    const row = new Row(undefined, sequence++, results);
    command.by.forEach((item: Named, i) => row.set(item.name, group.keys[i]));
    command.aggregates.forEach((item) => row.set(item.name, valueOf(item.expr, row)));
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
