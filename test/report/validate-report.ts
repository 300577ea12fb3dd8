// The report's JSON Schema, compiled once with ajv's draft 2020-12 build, for the tests.
import {readFileSync} from 'node:fs';
import {Ajv2020} from 'ajv/dist/2020.js';

const schemaPath = new URL('../../schema/report.schema.json', import.meta.url);
export const reportSchema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

const ajv = new Ajv2020({allErrors: true, strict: true});
// RFC 3339 date-time (ajv-formats is not a dependency; this is the one format the schema uses).
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/);
const validate = ajv.compile(reportSchema);

/** The schema's complaints about `report` ([] when it validates). */
export function schemaErrors(report: unknown): string[] {
  return validate(report) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
