// The notes-api deployment package in its three states: the healthy async handler, the
// same handler without its "not found" guard (lambda-error), and an older callback-style
// handler that opens a PostgreSQL pool and never closes it (lambda-timeout). The logs
// check reads the handler's shape from this code, and the stack traces in the logs point
// at real lines of it.

const asyncHeader = `// notes-api: CRUD for notes behind API Gateway (Lambda proxy integration).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.NOTES_TABLE;

const json = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
`;

const notFoundGuard = "  if (!note) return json(404, { message: `note ${id} not found` });\n";

function asyncHandler(guardMissingNote: boolean): string {
  return `${asyncHeader}
async function getNote(id) {
  const { Item: note } = await db.send(new GetCommand({ TableName: TABLE, Key: { id } }));
${guardMissingNote ? notFoundGuard : ''}  return json(200, { id: note.id, title: note.title, updatedAt: note.updatedAt });
}

async function listNotes() {
  const { Items } = await db.send(new ScanCommand({ TableName: TABLE, Limit: 50 }));
  return json(200, Items);
}

async function saveNote(id, body) {
  const note = { ...JSON.parse(body ?? '{}'), id, updatedAt: new Date().toISOString() };
  await db.send(new PutCommand({ TableName: TABLE, Item: note }));
  return json(id ? 200 : 201, note);
}

export const handler = async (event) => {
  // REST APIs send httpMethod + resource; HTTP APIs (payload 2.0) send routeKey.
  const route = event.routeKey ?? \`\${event.httpMethod} \${event.resource}\`;
  console.log(route, JSON.stringify(event.pathParameters ?? {}));
  switch (route) {
    case 'GET /notes':
    case 'GET /items':
      return listNotes();
    case 'GET /notes/{id}':
    case 'GET /items/{id}':
      return getNote(event.pathParameters.id);
    case 'POST /notes':
      return saveNote(crypto.randomUUID(), event.body);
    case 'PUT /notes/{id}':
      return saveNote(event.pathParameters.id, event.body);
    default:
      return json(404, { message: \`no route for \${route}\` });
  }
};
`;
}

const callbackHandler = `// notes-api (legacy): lists notes from PostgreSQL. Callback-style handler.
import pg from 'pg';

export const handler = (event, context, callback) => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
  console.log(\`\${event.httpMethod} \${event.resource}\`, JSON.stringify(event.pathParameters ?? {}));
  pool.query('SELECT id, title, updated_at FROM notes ORDER BY updated_at DESC LIMIT 50', (err, result) => {
    if (err) return callback(err);
    console.log(\`listNotes returned \${result.rowCount} rows\`);
    callback(null, {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(result.rows),
    });
  });
};
`;

function packageJson(dependencies: Record<string, string>): string {
  return `${JSON.stringify({name: 'notes-api', version: '1.4.2', private: true, type: 'module', dependencies}, null, 2)}\n`;
}

export type HandlerKind = 'async' | 'async-unguarded' | 'callback-pool';

export function notesApiCode(kind: HandlerKind): Record<string, string> {
  if (kind === 'callback-pool') return {'index.mjs': callbackHandler, 'package.json': packageJson({pg: '^8.11.3'})};
  return {'index.mjs': asyncHandler(kind === 'async'), 'package.json': packageJson({})};
}

/** 1-based line and column of the first occurrence of `needle` (+ `offset` chars) in `source`. */
export function positionOf(source: string, needle: string, offset = 0): {line: number; column: number} {
  const index = source.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" is not in the source`);
  const before = source.slice(0, index + offset).split('\n');
  return {line: before.length, column: (before.at(-1)?.length ?? 0) + 1};
}
