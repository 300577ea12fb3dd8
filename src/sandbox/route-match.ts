// Path templates as API Gateway writes them, used both for the sandbox's own control-plane
// routes and for matching a deployed API's resources and routes: "{name}" matches one
// segment, "{name+}" (last segment only) greedily matches one or more segments.

function segmentsOf(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Params (URL-decoded) when `path` fits `template`, else undefined. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = segmentsOf(template);
  const have = segmentsOf(path);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy) {
      if (i !== want.length - 1 || have.length <= i) return undefined;
      const value = decodeSegment(have.slice(i).join('/'));
      if (value === undefined) return undefined;
      params[greedy[1]!] = value;
      return params;
    }
    const segment = have[i];
    if (segment === undefined) return undefined;
    const param = /^\{(.+)\}$/.exec(part);
    if (param) {
      const value = decodeSegment(segment);
      if (value === undefined || value === '') return undefined;
      params[param[1]!] = value;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return have.length === want.length ? params : undefined;
}

function segmentRank(part: string): number {
  if (/^\{.+\+\}$/.test(part)) return 0;
  if (/^\{.+\}$/.test(part)) return 1;
  return 2;
}

/**
 * Orders templates most specific first, the way API Gateway picks among several that match:
 * position by position, a literal segment beats {param}, which beats {proxy+}.
 */
export function compareSpecificity(a: string, b: string): number {
  const left = segmentsOf(a).map(segmentRank);
  const right = segmentsOf(b).map(segmentRank);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return right[i]! - left[i]!;
  }
  return right.length - left.length;
}
