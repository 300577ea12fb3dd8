// Reads the handler's source from the function's deployment package: GetFunction's
// Code.Location is a short-lived pre-signed URL of the zip. Only the handler file is
// decompressed, and the download is capped, so a big package costs little.

/** Lambda's own limit for a directly uploaded zip; bigger ones come from S3 and are skipped. */
export const MAX_PACKAGE_BYTES = 50 * 1024 * 1024;

export type FetchLike = (url: string, init?: {signal?: AbortSignal}) => Promise<Response>;

export type PackageRead = {readonly kind: 'read'; readonly path: string; readonly source: string} | {readonly kind: 'unreadable'; readonly reason: string};

/** "src/index.handler" → {files: src/index.js|.mjs|.cjs, exportName: handler}. */
export function handlerFileCandidates(handler: string): {files: string[]; exportName: string} {
  const dot = handler.lastIndexOf('.');
  const base = dot > 0 ? handler.slice(0, dot) : handler;
  const exportName = dot > 0 ? handler.slice(dot + 1) : 'handler';
  return {files: ['.js', '.mjs', '.cjs'].map((extension) => `${base.replace(/^\.?\//, '')}${extension}`), exportName};
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return undefined;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

export async function readHandlerSource(
  codeLocation: string,
  handler: string,
  options: {fetch?: FetchLike; maxBytes?: number; signal?: AbortSignal} = {},
): Promise<PackageRead> {
  const maxBytes = options.maxBytes ?? MAX_PACKAGE_BYTES;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(codeLocation, {signal: options.signal});
  } catch (error) {
    return {kind: 'unreadable', reason: `the package download failed (${error instanceof Error ? error.message : String(error)})`};
  }
  if (!response.ok) return {kind: 'unreadable', reason: `the package download answered HTTP ${response.status}`};
  const zip = await readCapped(response, maxBytes);
  if (!zip) return {kind: 'unreadable', reason: `the package is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`};
  const {files} = handlerFileCandidates(handler);
  // Imported here: only a timeout with a downloaded package needs an unzip.
  const {unzipSync} = await import('fflate');
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {filter: (file) => files.includes(file.name)});
  } catch (error) {
    return {kind: 'unreadable', reason: `the package is not a readable zip (${error instanceof Error ? error.message : String(error)})`};
  }
  const path = files.find((file) => entries[file] !== undefined);
  if (!path) return {kind: 'unreadable', reason: `no ${files.join(' / ')} in the package for handler "${handler}"`};
  return {kind: 'read', path, source: new TextDecoder().decode(entries[path])};
}
