// One Lambda log message (already reassembled, see stream-assembler.ts) → what it says.
// Both log formats are understood because a function's format can change between deploys
// and one window may hold both (aws-facts §6.3). Formats: aws-facts §6.1–6.3.

export type ErrorCategory = 'error' | 'init' | 'oom';

export type LambdaLogRecord =
  | {readonly kind: 'start'; readonly requestId: string}
  | {readonly kind: 'end'; readonly requestId: string}
  | {
      readonly kind: 'report';
      readonly requestId: string;
      readonly durationMs: number;
      readonly memorySizeMb?: number;
      readonly maxMemoryUsedMb?: number;
      /** Present only on a cold start. */
      readonly initDurationMs?: number;
      /** "success" | "error" | "timeout" when the runtime says so. */
      readonly status?: string;
      readonly errorType?: string;
    }
  | {readonly kind: 'timeout'; readonly requestId?: string; readonly seconds: number}
  | {
      readonly kind: 'error';
      readonly category: ErrorCategory;
      /** Absent during init (the runtime writes "undefined"). */
      readonly requestId?: string;
      readonly errorType: string;
      readonly errorMessage: string;
      readonly stack: readonly string[];
    }
  | {readonly kind: 'other'};

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const other: LambdaLogRecord = {kind: 'other'};

/** Runtime error types raised while loading the handler, before any request (aws-facts §6.2). */
const initErrorTypes = new Set([
  'Runtime.ImportModuleError',
  'Runtime.UserCodeSyntaxError',
  'Runtime.HandlerNotFound',
  'Runtime.MalformedHandlerName',
  'Runtime.InvalidEntrypoint',
  'Runtime.MalformedStreamingHandler',
]);
const oomErrorTypes = new Set(['Runtime.OutOfMemory']);

export function categorise(errorType: string, errorMessage: string, requestId: string | undefined): ErrorCategory {
  if (oomErrorTypes.has(errorType) || /signal: killed/.test(errorMessage)) return 'oom';
  if (initErrorTypes.has(errorType) || requestId === undefined) return 'init';
  return 'error';
}

function requestIdOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== 'undefined' ? value : undefined;
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((line): line is string => typeof line === 'string');
  if (typeof value === 'string') return value.split(/\r\n|\r|\n/);
  return [];
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** An Error as the runtime serialises it: {errorType, errorMessage, stack | stackTrace | trace}. */
function errorFromObject(object: Record<string, unknown>, requestId: string | undefined): LambdaLogRecord | undefined {
  const errorType = typeof object.errorType === 'string' ? object.errorType : undefined;
  if (errorType === undefined) return undefined;
  const errorMessage = typeof object.errorMessage === 'string' ? object.errorMessage : '';
  const stack = stringList(object.stackTrace ?? object.stack ?? object.trace);
  return {kind: 'error', category: categorise(errorType, errorMessage, requestId), requestId, errorType, errorMessage, stack};
}

// ---- JSON format ----------------------------------------------------------------------

function parseJsonRecord(object: Record<string, unknown>): LambdaLogRecord {
  const type = object.type;
  const record = (object.record ?? {}) as Record<string, unknown>;
  if (type === 'platform.start') return {kind: 'start', requestId: String(record.requestId ?? '')};
  if (type === 'platform.runtimeDone') return {kind: 'end', requestId: String(record.requestId ?? '')};
  if (type === 'platform.report') {
    const metrics = (record.metrics ?? {}) as Record<string, unknown>;
    return {
      kind: 'report',
      requestId: String(record.requestId ?? ''),
      durationMs: num(metrics.durationMs) ?? 0,
      memorySizeMb: num(metrics.memorySizeMB),
      maxMemoryUsedMb: num(metrics.maxMemoryUsedMB),
      initDurationMs: num(metrics.initDurationMs),
      status: typeof record.status === 'string' ? record.status : undefined,
      errorType: typeof record.errorType === 'string' ? record.errorType : undefined,
    };
  }
  if ((type === 'platform.initReport' || type === 'platform.initRuntimeDone') && record.status !== undefined && record.status !== 'success') {
    const errorType = typeof record.errorType === 'string' ? record.errorType : 'Runtime.InitError';
    return {kind: 'error', category: categorise(errorType, '', undefined), errorType, errorMessage: `init ${String(record.status)}`, stack: []};
  }
  // Application line: {"timestamp","level","requestId","message", errorType?, errorMessage?, stackTrace?}
  const requestId = requestIdOrUndefined(object.requestId);
  const fromTop = errorFromObject(object, requestId);
  if (fromTop) return fromTop;
  if (object.message !== null && typeof object.message === 'object') {
    const nested = errorFromObject(object.message as Record<string, unknown>, requestId);
    if (nested) return nested;
  }
  const message = typeof object.message === 'string' ? object.message : '';
  const timedOut = /Task timed out after ([\d.]+) seconds/.exec(message);
  if (timedOut) return {kind: 'timeout', requestId, seconds: Number(timedOut[1])};
  if (object.level === 'ERROR' || object.level === 'FATAL') return textError(message, requestId) ?? other;
  return other;
}

// ---- Text format ----------------------------------------------------------------------

const isoPrefix = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)[\t ]+(\S+)[\t ]+/;
const pythonPrefix = /^\[(\w+)\]\t(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\t(\S+)\t/;

/** "TypeError: x is undefined\n    at …" as printed by console.error(err) or a traceback. */
function textError(body: string, requestId: string | undefined): LambdaLogRecord | undefined {
  const lines = body.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
  const first = lines[0];
  if (first === undefined) return undefined;
  // Name and keyword are matched apart: one regex with a keyword between two [\w$.]* runs
  // backtracks quadratically on a long word without a colon.
  const named = /^([A-Za-z_$][\w$.]*):\s?(.*)$/.exec(first.trim());
  const typed = named && (named[1] === 'Error' || /.(?:Error|Exception|Exit|Rejection)/.test(named[1] ?? '')) ? named : null;
  const errorType = typed?.[1] ?? 'Error';
  const errorMessage = typed ? (typed[2] ?? '') : first.trim();
  return {kind: 'error', category: categorise(errorType, errorMessage, requestId), requestId, errorType, errorMessage, stack: lines};
}

function parseTextApplicationLine(requestIdField: string, rest: string): LambdaLogRecord {
  const requestId = requestIdOrUndefined(requestIdField);
  const timedOut = /^Task timed out after ([\d.]+) seconds/.exec(rest);
  if (timedOut) return {kind: 'timeout', requestId, seconds: Number(timedOut[1])};
  const leveled = /^(ERROR|FATAL)\t([\s\S]*)$/.exec(rest);
  if (!leveled) return other;
  const body = leveled[2] ?? '';
  // "Invoke Error \t{json}", "Uncaught Exception \t{json}", "Unhandled Promise Rejection \t{json}"
  const structured = /^(Invoke Error|Uncaught Exception|Unhandled Promise Rejection)\s*(\{[\s\S]*\})\s*$/.exec(body);
  if (structured) {
    const object = parseJsonObject(structured[2] ?? '');
    const parsed = object && errorFromObject(object, structured[1] === 'Uncaught Exception' ? undefined : requestId);
    if (parsed) return parsed;
  }
  return textError(body, requestId) ?? other;
}

function parseReport(message: string): LambdaLogRecord {
  const field = (name: string): string | undefined => new RegExp(`${name}: ([^\\t\\n]+?)(?: ms| MB)?(?:\\t|\\n|$)`).exec(message)?.[1]?.trim();
  const number = (name: string): number | undefined => {
    const value = field(name);
    return value === undefined ? undefined : Number(value);
  };
  return {
    kind: 'report',
    requestId: /REPORT RequestId: (\S+)/.exec(message)?.[1] ?? '',
    durationMs: number('Duration') ?? 0,
    memorySizeMb: number('Memory Size'),
    maxMemoryUsedMb: number('Max Memory Used'),
    initDurationMs: number('Init Duration'),
    status: field('Status'),
    errorType: field('Error Type'),
  };
}

export function parseLambdaLogMessage(raw: string): LambdaLogRecord {
  // trimEnd, not replace(/\s+$/): that regex is quadratic on a long run of inner whitespace.
  const message = raw.trimEnd();
  if (message.startsWith('{')) {
    const object = parseJsonObject(message);
    if (object) return parseJsonRecord(object);
  }
  if (message.startsWith('START RequestId: ')) return {kind: 'start', requestId: /START RequestId: (\S+)/.exec(message)?.[1] ?? ''};
  if (message.startsWith('END RequestId: ')) return {kind: 'end', requestId: /END RequestId: (\S+)/.exec(message)?.[1] ?? ''};
  if (message.startsWith('REPORT RequestId: ')) return parseReport(message);
  // Runtime lines outside the app logger: "RequestId: <id> Error: Runtime exited with error: signal: killed"
  const runtimeLine = /^RequestId: (\S+)\s+(?:Error: )?([\s\S]*)$/.exec(message);
  if (runtimeLine) {
    const requestId = requestIdOrUndefined(runtimeLine[1]);
    const text = runtimeLine[2] ?? '';
    const timedOut = /Task timed out after ([\d.]+) seconds/.exec(text);
    if (timedOut) return {kind: 'timeout', requestId, seconds: Number(timedOut[1])};
    if (/Runtime exited|Process exited before completing request/.test(text)) {
      const errorType = /Runtime\.\w+/.exec(text)?.[0] ?? 'Runtime.ExitError';
      const errorMessage = text.split(/\r\n|\r|\n/)[0] ?? text;
      return {kind: 'error', category: categorise(errorType, errorMessage, requestId ?? ''), requestId, errorType, errorMessage, stack: []};
    }
  }
  const python = pythonPrefix.exec(message);
  if (python) {
    const rest = message.slice(python[0].length);
    return python[1] === 'ERROR' || python[1] === 'CRITICAL' ? parseTextApplicationLine(python[3] ?? '', `ERROR\t${rest}`) : other;
  }
  const iso = isoPrefix.exec(message);
  if (iso) return parseTextApplicationLine(iso[2] ?? '', message.slice(iso[0].length));
  // Python's uncaught error line: "[ERROR] KeyError: 'id'\nTraceback (most recent call last): …"
  const bare = /^\[ERROR\]\s+([\s\S]*)$/.exec(message);
  if (bare) {
    const requestId = uuid.exec(message)?.[0];
    return textError(bare[1] ?? '', requestId) ?? other;
  }
  return other;
}

/**
 * True for a message that begins a new log record. Anything else is the continuation of the
 * previous record in the same stream (a stack trace written line by line).
 */
export function startsLogRecord(message: string): boolean {
  return /^(\d{4}-\d{2}-\d{2}T|START |END |REPORT |INIT_START|INIT_REPORT|EXTENSION|TELEMETRY|RESTORE_|RequestId: |\{|\[[A-Z]+\])/.test(message);
}
