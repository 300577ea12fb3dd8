// IAM's wildcard matching for Action, Resource and the Like/Arn condition operators:
// `*` matches any run of characters (including `/` and `:`), `?` exactly one character
// (aws-facts §3). Actions compare case-insensitively, resources case-sensitively.
//
// Policy variables in a pattern: `${*}`, `${?}` and `${$}` are the escapes for a literal
// `*`, `?` and `$`; `${key}` takes the request context's value for that key (literally),
// and a key the request lacks makes the pattern match nothing (as in IAM).

const cache = new Map<string, RegExp>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const escapes: Readonly<Record<string, string>> = {'${*}': '*', '${?}': '?', '${$}': '$'};

export type VariableLookup = (key: string) => string | undefined;

/** The pattern as a RegExp, or undefined when it names a variable the lookup cannot fill. */
export function patternRegExp(pattern: string, ignoreCase: boolean, lookup?: VariableLookup): RegExp | undefined {
  const cacheable = !pattern.includes('${');
  const cacheKey = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  const cached = cacheable ? cache.get(cacheKey) : undefined;
  if (cached) return cached;
  let source = '';
  for (const token of pattern.split(/(\$\{[^}]*\}|\*|\?)/)) {
    if (token === '*') source += '.*';
    else if (token === '?') source += '.';
    else if (token.startsWith('${') && token.endsWith('}')) {
      const literal = escapes[token] ?? lookup?.(token.slice(2, -1));
      if (literal === undefined) return undefined;
      source += escapeRegExp(literal);
    } else source += escapeRegExp(token);
  }
  const regExp = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
  if (cacheable) cache.set(cacheKey, regExp);
  return regExp;
}

/** A plain wildcard pattern (no variables) as a RegExp. */
export function globToRegExp(pattern: string, ignoreCase: boolean): RegExp {
  return patternRegExp(pattern, ignoreCase) ?? /(?!)/;
}
