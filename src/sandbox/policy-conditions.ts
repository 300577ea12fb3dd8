// IAM Condition blocks, evaluated the way the policy simulator does: every operator and
// every key in a block must hold (AND); the policy's values for one key are alternatives
// (OR); a key the request did not supply makes the condition false and is reported as a
// missing context value, except with `…IfExists`, `ForAllValues:` and the `Null` operator.
//
// Supported operators: String(Not)Equals(IgnoreCase), String(Not)Like, Numeric*, Date*,
// Bool, BinaryEquals, (Not)IpAddress (IPv4 CIDR; IPv6 compared as text), Arn(Not)Equals,
// Arn(Not)Like, Null, with the ForAnyValue:/ForAllValues: set prefixes and the IfExists
// suffix. An operator outside this list makes the statement not match (never a silent allow).
import {globToRegExp} from './policy-glob.js';

/** Context key (lower-cased, keys are case-insensitive) → its values. */
export type RequestContext = ReadonlyMap<string, readonly string[]>;

type ValueTest = (contextValue: string, policyValue: string) => boolean;

const numeric = (compare: (a: number, b: number) => boolean): ValueTest => (a, b) => compare(Number(a), Number(b));
const date = (compare: (a: number, b: number) => boolean): ValueTest => (a, b) => compare(toEpoch(a), toEpoch(b));

function toEpoch(value: string): number {
  return /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}

function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((sum, part) => sum * 256 + Number(part), 0);
}

function inCidr(ip: string, cidr: string): boolean {
  const [network = '', bits = '32'] = cidr.split('/');
  const address = ipv4ToNumber(ip);
  const base = ipv4ToNumber(network);
  if (address === undefined || base === undefined) return ip === cidr;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(address / size) === Math.floor(base / size);
}

/** Base operator → [value test, negated?]. A negated operator holds when no value matches. */
const operators: Readonly<Record<string, readonly [ValueTest, boolean]>> = {
  stringequals: [(a, b) => a === b, false],
  stringnotequals: [(a, b) => a === b, true],
  stringequalsignorecase: [(a, b) => a.toLowerCase() === b.toLowerCase(), false],
  stringnotequalsignorecase: [(a, b) => a.toLowerCase() === b.toLowerCase(), true],
  stringlike: [(a, b) => globToRegExp(b, false).test(a), false],
  stringnotlike: [(a, b) => globToRegExp(b, false).test(a), true],
  numericequals: [numeric((a, b) => a === b), false],
  numericnotequals: [numeric((a, b) => a === b), true],
  numericlessthan: [numeric((a, b) => a < b), false],
  numericlessthanequals: [numeric((a, b) => a <= b), false],
  numericgreaterthan: [numeric((a, b) => a > b), false],
  numericgreaterthanequals: [numeric((a, b) => a >= b), false],
  dateequals: [date((a, b) => a === b), false],
  datenotequals: [date((a, b) => a === b), true],
  datelessthan: [date((a, b) => a < b), false],
  datelessthanequals: [date((a, b) => a <= b), false],
  dategreaterthan: [date((a, b) => a > b), false],
  dategreaterthanequals: [date((a, b) => a >= b), false],
  bool: [(a, b) => a.toLowerCase() === b.toLowerCase(), false],
  binaryequals: [(a, b) => a === b, false],
  ipaddress: [inCidr, false],
  notipaddress: [inCidr, true],
  arnequals: [(a, b) => globToRegExp(b, false).test(a), false],
  arnlike: [(a, b) => globToRegExp(b, false).test(a), false],
  arnnotequals: [(a, b) => globToRegExp(b, false).test(a), true],
  arnnotlike: [(a, b) => globToRegExp(b, false).test(a), true],
};

function asList(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

interface ParsedOperator {
  readonly base: string;
  readonly set?: 'foranyvalue' | 'forallvalues';
  readonly ifExists: boolean;
}

function parseOperator(name: string): ParsedOperator {
  let rest = name.toLowerCase();
  let set: ParsedOperator['set'];
  const prefix = /^(foranyvalue|forallvalues):/.exec(rest);
  if (prefix) {
    set = prefix[1] as ParsedOperator['set'];
    rest = rest.slice(prefix[0].length);
  }
  const ifExists = rest.endsWith('ifexists') && rest !== 'ifexists';
  return {base: ifExists ? rest.slice(0, -'ifexists'.length) : rest, set, ifExists};
}

function keyHolds(operator: ParsedOperator, contextValues: readonly string[] | undefined, policyValues: readonly string[], key: string, missing: Set<string>): boolean {
  if (operator.base === 'null') {
    const absent = contextValues === undefined || contextValues.length === 0;
    return policyValues.some((value) => (value.toLowerCase() === 'true') === absent);
  }
  const entry = operators[operator.base];
  if (entry === undefined) return false;
  if (contextValues === undefined || contextValues.length === 0) {
    if (operator.ifExists || operator.set === 'forallvalues') return true;
    missing.add(key);
    return false;
  }
  const [test, negated] = entry;
  const valueHolds = (value: string): boolean => {
    const matchesSome = policyValues.some((policyValue) => test(value, policyValue));
    return negated ? !matchesSome : matchesSome;
  };
  if (operator.set === 'forallvalues') return contextValues.every(valueHolds);
  if (operator.set === 'foranyvalue' || !negated) return contextValues.some(valueHolds);
  return contextValues.every(valueHolds);
}

/**
 * Does the Condition block hold for this request? Keys it needed but the request lacked
 * are added to `missing` (with the spelling the policy used), even when another key already
 * made the block false, so the simulator can list them all.
 */
export function conditionHolds(condition: unknown, context: RequestContext, missing: Set<string>): boolean {
  if (condition === undefined) return true;
  if (typeof condition !== 'object' || condition === null) return false;
  let holds = true;
  for (const [operatorName, keys] of Object.entries(condition as Record<string, unknown>)) {
    const operator = parseOperator(operatorName);
    if (typeof keys !== 'object' || keys === null) return false;
    for (const [key, policyValue] of Object.entries(keys as Record<string, unknown>)) {
      if (!keyHolds(operator, context.get(key.toLowerCase()), asList(policyValue), key, missing)) holds = false;
    }
  }
  return holds;
}
