// Logs Insights query language (CWLI), the subset the sandbox runs, parsed into commands:
//   fields EXPR [as NAME], …           display NAME, …
//   filter BOOL                        (=, !=, <, <=, >, >=, like/not like "text" or /re/,
//                                       =~ /re/, in [..], not in [..], and, or, not, ( ))
//   parse FIELD "glob * with * stars" as a, b      parse FIELD /(?<name>re)/
//   stats AGG(EXPR) [as NAME], … [by EXPR [as NAME], …]   (count, count_distinct, sum,
//                                       avg, min, max, pct(EXPR, P), earliest, latest, and
//                                       arithmetic over them; bin(5m) in `by`)
//   sort EXPR [asc|desc], …            limit N
// Functions: bin, ispresent, coalesce, tolower, toupper, strlen, concat, abs, floor, ceil.
// Anything else is a MalformedQueryException, as Insights reports a query it cannot compile.
import {SandboxError} from './protocol.js';

export type Expr =
  | {readonly kind: 'field'; readonly name: string}
  | {readonly kind: 'literal'; readonly value: string | number}
  | {readonly kind: 'regex'; readonly regex: RegExp}
  | {readonly kind: 'list'; readonly items: readonly Expr[]}
  | {readonly kind: 'star'}
  | {readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]}
  | {readonly kind: 'not'; readonly expr: Expr}
  | {readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr};

export interface Named {
  readonly expr: Expr;
  /** The output column name: the alias, or the expression as written. */
  readonly name: string;
}

export type Command =
  | {readonly kind: 'fields'; readonly items: readonly Named[]}
  | {readonly kind: 'display'; readonly names: readonly string[]}
  | {readonly kind: 'filter'; readonly expr: Expr}
  | {readonly kind: 'parse'; readonly source: string; readonly pattern: RegExp; readonly names: readonly string[]}
  | {readonly kind: 'stats'; readonly aggregates: readonly Named[]; readonly by: readonly Named[]}
  | {readonly kind: 'sort'; readonly keys: ReadonlyArray<{readonly expr: Expr; readonly descending: boolean}>}
  | {readonly kind: 'limit'; readonly count: number};

export const aggregateFunctions = new Set(['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'pct', 'earliest', 'latest']);
export const scalarFunctions = new Set(['bin', 'ispresent', 'coalesce', 'tolower', 'toupper', 'strlen', 'concat', 'abs', 'floor', 'ceil']);

/**
 * The aggregate calls inside a stats item: `count(*)` alone, or several combined, as in
 * `max(@memorySize / 1000 / 1000) - max(@maxMemoryUsed / 1000 / 1000)`.
 */
export function aggregateCalls(expr: Expr): Array<Extract<Expr, {kind: 'call'}>> {
  switch (expr.kind) {
    case 'call':
      return aggregateFunctions.has(expr.name) ? [expr] : expr.args.flatMap(aggregateCalls);
    case 'binary':
      return [...aggregateCalls(expr.left), ...aggregateCalls(expr.right)];
    case 'not':
      return aggregateCalls(expr.expr);
    default:
      return [];
  }
}

export function malformed(message: string): SandboxError {
  return new SandboxError('MalformedQueryException', message);
}

interface Token {
  readonly type: 'ident' | 'string' | 'number' | 'regex' | 'op';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const lexers: ReadonlyArray<[Token['type'], RegExp]> = [
  ['string', /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/y],
  ['ident', /`[^`]+`|@?[A-Za-z_][\w.]*/y],
  ['number', /\d+(?:\.\d+)?(?:ms|[smhdwqy])?/y],
  ['op', /!=|<=|>=|=~|[=<>+\-*/%(),|[\]]/y],
];

const valueTokens = new Set(['ident', 'string', 'number', 'regex']);
/** Words after which a `/` opens a regex although they lex as identifiers. */
const regexAfter = new Set(['like', 'filter', 'and', 'or', 'not']);

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < query.length) {
    const space = /\s+/y;
    space.lastIndex = position;
    if (space.exec(query)) {
      position = space.lastIndex;
      continue;
    }
    // `/` starts a regex unless it follows a value (then it divides). Keywords lex as
    // identifiers, and in `parse FIELD /re/` the field is a value, hence the two exceptions.
    const previous = tokens.at(-1);
    const afterParseField = previous?.type === 'ident' && tokens.at(-2)?.text.toLowerCase() === 'parse';
    const opensRegex = !previous || afterParseField || regexAfter.has(previous.text.toLowerCase()) || (!valueTokens.has(previous.type) && previous.text !== ')');
    if (query[position] === '/' && opensRegex) {
      const regex = /\/((?:[^/\\]|\\.)*)\/([gimsuy]*)/y;
      regex.lastIndex = position;
      if (!regex.exec(query)) throw malformed(`unterminated regular expression at ${position}`);
      tokens.push({type: 'regex', text: query.slice(position, regex.lastIndex), start: position, end: regex.lastIndex});
      position = regex.lastIndex;
      continue;
    }
    const lexed = lexers.find(([, pattern]) => {
      pattern.lastIndex = position;
      return pattern.test(query);
    });
    if (!lexed) throw malformed(`unexpected character '${query[position]}' at ${position}`);
    const end = lexed[1].lastIndex;
    tokens.push({type: lexed[0], text: query.slice(position, end), start: position, end});
    position = end;
  }
  return tokens;
}

function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, '$1');
}

function toRegExp(token: Token): RegExp {
  const match = /^\/((?:[^/\\]|\\.)*)\/([gimsuy]*)$/s.exec(token.text)!;
  try {
    return new RegExp(match[1]!, match[2]!.replace('g', ''));
  } catch {
    throw malformed(`invalid regular expression ${token.text}`);
  }
}

/** `"user=* latency=*"` → a RegExp with one capture per `*` (the last one greedy). */
function globToCaptures(glob: string): RegExp {
  const parts = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'));
  const source = parts.map((part, i) => (i === 0 ? part : `${i === parts.length - 1 && part === '' ? '(.*)' : '(.*?)'}${part}`)).join('');
  return new RegExp(source, 's');
}

class Parser {
  private position = 0;
  constructor(
    private readonly query: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseQuery(): Command[] {
    const commands: Command[] = [];
    do {
      if (this.peek() === undefined) throw malformed('expected a command');
      commands.push(this.command());
    } while (this.accept('|'));
    if (this.peek() !== undefined) throw malformed(`unexpected '${this.peek()!.text}' at ${this.peek()!.start}`);
    return commands;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (!token) throw malformed('query ends too early');
    this.position += 1;
    return token;
  }

  private accept(text: string): boolean {
    if (this.peek()?.text.toLowerCase() !== text) return false;
    this.position += 1;
    return true;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.text.toLowerCase() !== text) throw malformed(`expected '${text}' but found '${token.text}' at ${token.start}`);
  }

  private fieldName(): string {
    const token = this.next();
    if (token.type !== 'ident') throw malformed(`expected a field name but found '${token.text}' at ${token.start}`);
    return token.text.replace(/^`|`$/g, '');
  }

  private list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.accept(',')) items.push(item());
    return items;
  }

  private named(): Named {
    const start = this.peek()?.start ?? 0;
    const expr = this.expression();
    const end = this.tokens[this.position - 1]!.end;
    return {expr, name: this.accept('as') ? this.fieldName() : this.query.slice(start, end).trim()};
  }

  private command(): Command {
    const token = this.next();
    switch (token.text.toLowerCase()) {
      case 'fields':
        return {kind: 'fields', items: this.list(() => this.named())};
      case 'display':
        return {kind: 'display', names: this.list(() => this.fieldName())};
      case 'filter':
        return {kind: 'filter', expr: this.expression()};
      case 'parse':
        return this.parseCommand();
      case 'stats':
        return this.statsCommand();
      case 'sort':
        return {kind: 'sort', keys: this.list(() => ({expr: this.expression(), descending: this.sortDirection()}))};
      case 'limit': {
        const count = this.next();
        if (count.type !== 'number' || !/^\d+$/.test(count.text) || Number(count.text) < 1) throw malformed(`limit needs a positive number, found '${count.text}'`);
        return {kind: 'limit', count: Number(count.text)};
      }
      default:
        throw malformed(`unexpected symbol found ${token.text} at line 1 and position ${token.start + 1}`);
    }
  }

  /** `desc`, or `asc` / nothing (ascending). */
  private sortDirection(): boolean {
    if (this.accept('desc')) return true;
    this.accept('asc');
    return false;
  }

  private parseCommand(): Command {
    const source = this.fieldName();
    const pattern = this.next();
    if (pattern.type === 'regex') {
      const regex = toRegExp(pattern);
      const names = [...regex.source.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((match) => match[1]!);
      if (names.length === 0) throw malformed('parse with a regular expression needs named capture groups (?<name>…)');
      return {kind: 'parse', source, pattern: regex, names};
    }
    if (pattern.type !== 'string') throw malformed(`parse needs a "glob" or a /regex/, found '${pattern.text}'`);
    const regex = globToCaptures(unquote(pattern.text));
    this.expect('as');
    const names = this.list(() => this.fieldName());
    const stars = unquote(pattern.text).split('*').length - 1;
    if (names.length !== stars) throw malformed(`parse pattern has ${stars} wildcards but ${names.length} field names`);
    return {kind: 'parse', source, pattern: regex, names};
  }

  private statsCommand(): Command {
    const aggregates = this.list(() => this.named());
    for (const {expr, name} of aggregates) {
      if (aggregateCalls(expr).length === 0) throw malformed(`stats needs an aggregate function, found '${name}'`);
    }
    return {kind: 'stats', aggregates, by: this.accept('by') ? this.list(() => this.named()) : []};
  }

  // Precedence, loosest first: or, and, not, comparison, + -, * / %, primary.
  private expression(): Expr {
    let left = this.conjunction();
    while (this.accept('or')) left = {kind: 'binary', op: 'or', left, right: this.conjunction()};
    return left;
  }

  private conjunction(): Expr {
    let left = this.negation();
    while (this.accept('and')) left = {kind: 'binary', op: 'and', left, right: this.negation()};
    return left;
  }

  private negation(): Expr {
    return this.accept('not') ? {kind: 'not', expr: this.negation()} : this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const token = this.peek();
    const op = token?.text.toLowerCase();
    if (op === undefined) return left;
    if (['=', '!=', '<', '<=', '>', '>=', '=~', 'like', 'in'].includes(op)) {
      this.position += 1;
      return {kind: 'binary', op, left, right: op === 'in' ? this.listLiteral() : this.additive()};
    }
    if (op === 'not' && ['like', 'in'].includes(this.tokens[this.position + 1]?.text.toLowerCase() ?? '')) {
      this.position += 1;
      const negated = this.next().text.toLowerCase();
      return {kind: 'not', expr: {kind: 'binary', op: negated, left, right: negated === 'in' ? this.listLiteral() : this.additive()}};
    }
    return left;
  }

  private listLiteral(): Expr {
    this.expect('[');
    const items = this.list(() => this.additive());
    this.expect(']');
    return {kind: 'list', items};
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (let op = this.peek()?.text; op === '+' || op === '-'; op = this.peek()?.text) {
      this.position += 1;
      left = {kind: 'binary', op, left, right: this.multiplicative()};
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.primary();
    for (let op = this.peek()?.text; op === '*' || op === '/' || op === '%'; op = this.peek()?.text) {
      this.position += 1;
      left = {kind: 'binary', op, left, right: this.primary()};
    }
    return left;
  }

  private primary(): Expr {
    const token = this.next();
    if (token.text === '(') {
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (token.text === '*') return {kind: 'star'};
    if (token.type === 'string') return {kind: 'literal', value: unquote(token.text)};
    if (token.type === 'regex') return {kind: 'regex', regex: toRegExp(token)};
    if (token.type === 'number') return /^[\d.]+$/.test(token.text) ? {kind: 'literal', value: Number(token.text)} : {kind: 'literal', value: token.text};
    if (token.type === 'ident') {
      if (this.peek()?.text !== '(') return {kind: 'field', name: token.text.replace(/^`|`$/g, '')};
      const name = token.text.toLowerCase();
      if (!aggregateFunctions.has(name) && !scalarFunctions.has(name)) throw malformed(`unknown function ${token.text}`);
      this.expect('(');
      const args = this.peek()?.text === ')' ? [] : this.list(() => this.expression());
      this.expect(')');
      return {kind: 'call', name, args};
    }
    throw malformed(`unexpected '${token.text}' at ${token.start}`);
  }
}

export function parseInsightsQuery(query: string): Command[] {
  return new Parser(query, tokenize(query)).parseQuery();
}
