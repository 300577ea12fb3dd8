// CloudWatch Logs filter patterns (FilterLogEvents `filterPattern`), the subset the sandbox
// understands. Everything outside it is rejected with InvalidParameterException naming the
// limitation, never silently matched.
//
// Unstructured patterns (case-sensitive substring terms):
//   ERROR timeout            every term must occur
//   "Task timed out"         a quoted phrase is one term
//   ?ERROR ?WARN             any ?term occurs (a pattern with ?terms is an OR of them)
//   ERROR -healthcheck       and the -term must not occur
//   %Status: (error|timeout)%   a regular expression (JavaScript syntax)
//   "" or empty              every event
// JSON patterns (the message must be a JSON object):
//   { $.level = "ERROR" }, { $.level != "INFO" }, { $.msg = "*timed out*" } (`*` wildcard),
//   { $.metrics.durationMs > 1000 } (=, !=, <, <=, >, >= on numbers),
//   { $.x IS NULL }, { $.x NOT EXISTS }, { $.ok IS TRUE/FALSE },
//   joined with && and ||, grouped with ( ).
// Not supported: space-delimited patterns `[ip, user, …]`, array-index selectors `$.a[0]`.
import {SandboxError} from './protocol.js';

export type EventMatcher = (message: string) => boolean;

function invalidPattern(detail: string): SandboxError {
  return new SandboxError('InvalidParameterException', `Invalid filter pattern: ${detail}`);
}

export function compileFilterPattern(pattern: string | undefined): EventMatcher {
  const text = (pattern ?? '').trim();
  if (text === '' || text === '""') return () => true;
  if (text.startsWith('{')) return compileJsonPattern(text);
  if (text.startsWith('[')) throw invalidPattern('the sandbox does not support space-delimited patterns ([field, …])');
  if (text.length > 1 && text.startsWith('%') && text.endsWith('%')) {
    const regExp = safeRegExp(text.slice(1, -1));
    return (message) => regExp.test(message);
  }
  return compileTermPattern(text);
}

function safeRegExp(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw invalidPattern(`bad regular expression %${source}%`);
  }
}

function compileTermPattern(text: string): EventMatcher {
  const include: string[] = [];
  const exclude: string[] = [];
  const anyOf: string[] = [];
  for (const match of text.matchAll(/([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)) {
    const term = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!;
    if (match[1] === '?') anyOf.push(term);
    else if (match[1] === '-') exclude.push(term);
    else include.push(term);
  }
  return (message) =>
    include.every((term) => message.includes(term)) &&
    !exclude.some((term) => message.includes(term)) &&
    (anyOf.length === 0 || anyOf.some((term) => message.includes(term)));
}

// ---- JSON patterns: a small recursive-descent parser over tokens ------------------------

type JsonTest = (event: unknown) => boolean;

const tokenPattern = /\s*(\$(?:\.[A-Za-z0-9_@-]+|\[\d+\])+|&&|\|\||!=|<=|>=|[=<>(){}]|"(?:[^"\\]|\\.)*"|[^\s(){}=!<>&|"]+)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  tokenPattern.lastIndex = 0;
  while (tokenPattern.lastIndex < text.length) {
    const start = tokenPattern.lastIndex;
    const match = tokenPattern.exec(text);
    if (!match) {
      if (text.slice(start).trim() === '') break;
      throw invalidPattern(`unexpected text at ${start}: ${text.slice(start, start + 20)}`);
    }
    tokens.push(match[1]!);
  }
  return tokens;
}

function select(event: unknown, selector: string): {found: boolean; value?: unknown} {
  let node = event;
  for (const part of selector.slice(2).split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, part)) return {found: false};
    node = (node as Record<string, unknown>)[part];
  }
  return {found: true, value: node};
}

function wildcardTest(expected: string): (value: string) => boolean {
  if (!expected.includes('*')) return (value) => value === expected;
  const regExp = new RegExp(`^${expected.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return (value) => regExp.test(value);
}

function comparison(selector: string, operator: string, operand: string): JsonTest {
  const quoted = operand.startsWith('"');
  const literal = quoted ? (JSON.parse(operand) as string) : operand;
  const number = Number(literal);
  const numeric = !quoted && literal !== '' && Number.isFinite(number);
  if (!numeric && operator !== '=' && operator !== '!=') throw invalidPattern(`${operator} needs a number, got ${operand}`);
  const stringMatches = wildcardTest(literal);
  return (event) => {
    const {found, value} = select(event, selector);
    if (!found) return false;
    if (numeric && typeof value === 'number') {
      switch (operator) {
        case '=':
          return value === number;
        case '!=':
          return value !== number;
        case '<':
          return value < number;
        case '<=':
          return value <= number;
        case '>':
          return value > number;
        default:
          return value >= number;
      }
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return operator === '!=';
    const matches = stringMatches(String(value));
    return operator === '!=' ? !matches : matches;
  };
}

class JsonPatternParser {
  private position = 0;
  constructor(private readonly tokens: readonly string[]) {}

  parse(): JsonTest {
    this.expect('{');
    const test = this.or();
    this.expect('}');
    if (this.position !== this.tokens.length) throw invalidPattern(`unexpected ${this.tokens[this.position]} after }`);
    return test;
  }

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private next(): string {
    const token = this.tokens[this.position];
    if (token === undefined) throw invalidPattern('pattern ends too early');
    this.position += 1;
    return token;
  }

  private expect(token: string): void {
    const found = this.next();
    if (found !== token) throw invalidPattern(`expected ${token}, found ${found}`);
  }

  private or(): JsonTest {
    let left = this.and();
    while (this.peek() === '||') {
      this.position += 1;
      const [a, b] = [left, this.and()];
      left = (event) => a(event) || b(event);
    }
    return left;
  }

  private and(): JsonTest {
    let left = this.term();
    while (this.peek() === '&&') {
      this.position += 1;
      const [a, b] = [left, this.term()];
      left = (event) => a(event) && b(event);
    }
    return left;
  }

  private term(): JsonTest {
    if (this.peek() === '(') {
      this.position += 1;
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    const selector = this.next();
    if (!selector.startsWith('$.')) throw invalidPattern(`expected a $.selector, found ${selector}`);
    if (selector.includes('[')) throw invalidPattern('the sandbox does not support array-index selectors');
    const operator = this.next();
    if (operator.toUpperCase() === 'IS') {
      const what = this.next().toUpperCase();
      if (what === 'NULL') return (event) => select(event, selector).value === null;
      if (what === 'TRUE' || what === 'FALSE') return (event) => select(event, selector).value === (what === 'TRUE');
      throw invalidPattern(`IS ${what}`);
    }
    if (operator.toUpperCase() === 'NOT') {
      if (this.next().toUpperCase() !== 'EXISTS') throw invalidPattern('expected NOT EXISTS');
      return (event) => !select(event, selector).found;
    }
    if (!['=', '!=', '<', '<=', '>', '>='].includes(operator)) throw invalidPattern(`unknown operator ${operator}`);
    return comparison(selector, operator, this.next());
  }
}

function compileJsonPattern(text: string): EventMatcher {
  const test = new JsonPatternParser(tokenize(text)).parse();
  return (message) => {
    if (!message.trimStart().startsWith('{')) return false;
    let event: unknown;
    try {
      event = JSON.parse(message);
    } catch {
      return false;
    }
    return test(event);
  };
}
