// awsQuery (IAM, STS): a form-encoded POST in, XML out (aws-facts §1.1, §1.3).
//
// Request side: handlers receive the flattened form params as sent (`ActionNames.member.1`,
// `Tags.entry.1.key`…); `decodeQueryParams` turns them into nested data when a handler needs
// lists or structures (`X.member.N` → array, `X.entry.N.key/value` → object, other dotted
// names → nested objects).
//
// Response side, how a handler's plain result is rendered inside <OpResult>:
//   array          → <member> elements (an empty array renders an empty element, as AWS does)
//   Map            → <entry><key/><value/></entry> elements: a handler marks an awsQuery
//                    *map* by returning a JS Map; a plain object is always a *structure*
//   Date           → ISO-8601 text
//   boolean/number → their text; string → escaped text; undefined/null → element omitted
import {XMLBuilder} from 'fast-xml-parser';
import {SandboxError, type HandlerContext, type QueryService, type WireResponse} from '../protocol.js';

const xmlBuilder = new XMLBuilder({ignoreAttributes: false, suppressEmptyNode: false});

/** XML namespaces per signing name (the API version's documentation URL). */
const namespaces: Readonly<Record<string, string>> = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
};

/** Flattened awsQuery params → nested data (arrays for `.member.N`, objects for `.entry.N`). */
export function decodeQueryParams(params: Readonly<Record<string, string>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) setPath(root, name.split('.'), value);
  return collapse(root) as Record<string, unknown>;
}

// While decoding, `member` and `entry` containers are kept as objects keyed by their index;
// `collapse` turns them into arrays / records once every key is in.
function setPath(target: Record<string, unknown>, parts: readonly string[], value: string): void {
  let node = target;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const next = node[part];
    if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
    else node = node[part] = {};
  });
}

function collapse(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === 'member') return indexed(record.member).map(collapse);
  if (keys.length === 1 && keys[0] === 'entry') {
    const entries = indexed(record.entry) as Array<Record<string, unknown>>;
    return Object.fromEntries(entries.map((entry) => [String(entry.key), collapse(entry.value)]));
  }
  return Object.fromEntries(keys.map((key) => [key, collapse(record[key])]));
}

/** `{"2": b, "1": a}` → `[a, b]`, ordered by the 1-based index the SDK wrote. */
function indexed(container: unknown): unknown[] {
  if (typeof container !== 'object' || container === null) return [];
  return Object.entries(container as Record<string, unknown>)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, value]) => value);
}

/** A handler result → the object XMLBuilder renders (see the mapping at the top). */
function toXmlTree(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return {entry: [...value].map(([key, entryValue]) => ({key: String(key), value: toXmlTree(entryValue)}))};
  if (Array.isArray(value)) return {member: value.map(toXmlTree)};
  if (typeof value === 'object' && value !== null) {
    const tree: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) if (field !== undefined && field !== null) tree[key] = toXmlTree(field);
    return tree;
  }
  return String(value);
}

export function renderQueryResponse(action: string, result: Record<string, unknown> | undefined, signingName: string, requestId: string): string {
  const body: Record<string, unknown> = {'@_xmlns': namespaces[signingName] ?? ''};
  if (result !== undefined) body[`${action}Result`] = toXmlTree(result);
  body.ResponseMetadata = {RequestId: requestId};
  return xmlBuilder.build({[`${action}Response`]: body}) as string;
}

export function encodeQueryError(error: SandboxError, requestId: string): WireResponse {
  const body = xmlBuilder.build({
    ErrorResponse: {Error: {Type: error.type, Code: error.code, Message: error.message}, RequestId: requestId},
  }) as string;
  return {status: error.status, headers: {'content-type': 'text/xml', 'x-amzn-requestid': requestId}, body};
}

export function serveQuery(service: QueryService, form: URLSearchParams, ctx: HandlerContext): WireResponse {
  const params: Record<string, string> = {};
  for (const [name, value] of form) if (name !== 'Action' && name !== 'Version') params[name] = value;
  const action = form.get('Action') ?? '';
  const handler = Object.hasOwn(service.operations, action) ? service.operations[action] : undefined;
  try {
    if (handler === undefined) {
      throw new SandboxError('InvalidAction', `Could not find operation ${action} for version ${form.get('Version') ?? ''}`, 400);
    }
    const body = renderQueryResponse(action, handler(params, ctx), service.signingName, ctx.requestId);
    return {status: 200, headers: {'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId}, body};
  } catch (error) {
    if (error instanceof SandboxError) return encodeQueryError(error, ctx.requestId);
    throw error;
  }
}

/** Helpers handlers share: required params and awsQuery pagination (Marker / MaxItems / IsTruncated). */
export function requiredParam(params: Readonly<Record<string, string>>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') {
    throw new SandboxError('ValidationError', `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`, 400);
  }
  return value;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export interface QueryPage<T> {
  readonly items: T[];
  readonly IsTruncated: boolean;
  readonly Marker?: string;
}

/**
 * One page of `items` for awsQuery list calls. The marker is opaque to callers (here: the
 * base64 of the next index); MaxItems defaults to 100 and must be 1–1000 as on IAM.
 */
export function queryPage<T>(items: readonly T[], params: Readonly<Record<string, string>>): QueryPage<T> {
  const maxItems = params.MaxItems === undefined ? 100 : Number(params.MaxItems);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw new SandboxError('ValidationError', `1 validation error detected: Value '${params.MaxItems}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`, 400);
  }
  const start = params.Marker === undefined ? 0 : Number(Buffer.from(params.Marker, 'base64').toString('utf8'));
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new SandboxError('InvalidInput', 'Invalid Marker.', 400);
  const end = Math.min(items.length, start + maxItems);
  const truncated = end < items.length;
  return {items: items.slice(start, end), IsTruncated: truncated, Marker: truncated ? Buffer.from(String(end)).toString('base64') : undefined};
}
