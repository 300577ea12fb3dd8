// Heuristics (regexes, not a parser) over the handler's source, to pick the timeout advice
// that applies. What they look for:
// - style: the exported handler's definition. `async` → async; three parameters
//   (event, context, callback) → callback; otherwise unknown. One level of indirection
//   (`exports.handler = main`) is followed.
// - what it opens: imports/requires of well-known clients plus the call that connects
//   (pg Pool/Client, mysql/mysql2 createConnection/createPool, mongodb MongoClient/mongoose,
//   redis createClient / ioredis new Redis, net sockets, setInterval). An open handle keeps
//   Node's event loop alive, which holds a callback handler until its timeout.
// - whether the opening happens after the handler's definition starts (per invocation)
//   and whether the code already sets callbackWaitsForEmptyEventLoop = false.
// Wrong guesses only change the wording of advice; the logs remain the evidence.

export type HandlerStyle = 'callback' | 'async' | 'unknown';

export interface OpenedResource {
  readonly name: string;
  /** The source line that opens it, trimmed. */
  readonly line: string;
  /** Opened inside the handler (per invocation) rather than at module scope. */
  readonly perInvocation: boolean;
}

export interface HandlerShape {
  readonly style: HandlerStyle;
  /** The definition line that decided the style. */
  readonly definition?: string;
  readonly opens: readonly OpenedResource[];
  readonly setsCallbackWaitsFalse: boolean;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Definition {
  readonly index: number;
  readonly text: string;
  readonly isAsync: boolean;
  readonly params?: string;
  readonly alias?: string;
}

function findDefinition(source: string, name: string): Definition | undefined {
  const n = escape(name);
  const patterns = [
    new RegExp(`export\\s+(async\\s+)?function\\s*\\*?\\s*${n}\\s*\\(([^)]*)\\)`),
    new RegExp(`(?:export\\s+)?(?:const|let|var)\\s+${n}\\s*=\\s*(async\\b)?\\s*(?:function\\s*\\w*\\s*)?\\(([^)]*)\\)`),
    new RegExp(`(?:module\\.)?exports\\.${n}\\s*=\\s*(async\\b)?\\s*(?:function\\s*\\w*\\s*)?\\(([^)]*)\\)`),
    new RegExp(`(?:^|\\n)\\s*(async\\s+)?function\\s+${n}\\s*\\(([^)]*)\\)`),
    new RegExp(`(?:export\\s+)?(?:const|let|var)\\s+${n}\\s*=\\s*(async\\b)?\\s*(\\w+)\\s*=>`),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(source);
    if (match) return {index: match.index, text: match[0].trim(), isAsync: match[1] !== undefined, params: match[2]};
  }
  const alias = new RegExp(`(?:module\\.)?exports\\.${n}\\s*=\\s*([A-Za-z_$][\\w$]*)\\s*;?`).exec(source) ?? new RegExp(`export\\s*\\{[^}]*\\b([A-Za-z_$][\\w$]*)\\s+as\\s+${n}\\b`).exec(source);
  if (alias?.[1] && alias[1] !== name) return {index: alias.index, text: alias[0].trim(), isAsync: false, alias: alias[1]};
  return undefined;
}

const resourceDetectors: ReadonlyArray<{readonly name: string; readonly module: RegExp; readonly opens: RegExp}> = [
  {name: 'PostgreSQL (pg)', module: /['"](?:pg|pg-pool|postgres)['"]/, opens: /new\s+(?:[\w$]+\.)?(?:Pool|Client)\s*\(|\bpostgres\s*\(/},
  {name: 'MySQL (mysql/mysql2)', module: /['"]mysql2?(?:\/promise)?['"]/, opens: /\bcreate(?:Connection|Pool)\s*\(/},
  {name: 'MongoDB', module: /['"](?:mongodb|mongoose)['"]/, opens: /new\s+MongoClient\s*\(|\bMongoClient\.connect\s*\(|\bmongoose\.connect\s*\(/},
  {name: 'Redis (redis/ioredis)', module: /['"](?:redis|ioredis)['"]/, opens: /\bcreateClient\s*\(|new\s+(?:[\w$]+\.)?(?:Redis|Cluster)\s*\(/},
  {name: 'a TCP socket (net)', module: /['"](?:node:)?net['"]/, opens: /\b(?:net\.)?(?:createConnection|connect)\s*\(|new\s+(?:net\.)?Socket\s*\(/},
  {name: 'a timer (setInterval)', module: /(?:)/, opens: /\bsetInterval\s*\(/},
];

function lineAt(source: string, index: number): string {
  const start = source.lastIndexOf('\n', index) + 1;
  const end = source.indexOf('\n', index);
  return source.slice(start, end === -1 ? undefined : end).trim();
}

export function detectHandlerShape(source: string, exportName: string): HandlerShape {
  let definition = findDefinition(source, exportName);
  if (definition?.alias) definition = findDefinition(source, definition.alias) ?? definition;
  const paramCount = definition?.params === undefined ? 0 : definition.params.split(',').filter((param) => param.trim() !== '').length;
  const style: HandlerStyle = !definition || definition.alias ? 'unknown' : definition.isAsync ? 'async' : paramCount >= 3 ? 'callback' : 'unknown';
  const opens: OpenedResource[] = [];
  for (const detector of resourceDetectors) {
    if (!detector.module.test(source)) continue;
    const match = detector.opens.exec(source);
    if (!match) continue;
    opens.push({name: detector.name, line: lineAt(source, match.index), perInvocation: definition !== undefined && match.index > definition.index});
  }
  return {style, definition: definition?.text, opens, setsCallbackWaitsFalse: /callbackWaitsForEmptyEventLoop\s*=\s*false/.test(source)};
}
