// Paging for list operations: an opaque token that encodes where the next page starts, the
// way API Gateway's `position` and v2's `nextToken` look to a client (never a bare number).
import {SandboxError} from './protocol.js';

export interface Page<T> {
  readonly items: T[];
  /** Absent on the last page. */
  readonly next?: string;
}

function decodeToken(token: string): number {
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, ''));
  if (!Number.isInteger(offset) || offset < 0) throw new SandboxError('BadRequestException', 'Invalid pagination token', 400);
  return offset;
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

/** `limit` as the caller sent it (a query string), bounded to [1, max]. */
export function pageLimit(raw: string | null, fallback: number, max: number): number {
  if (raw === null || raw === '') return fallback;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new SandboxError('BadRequestException', `Invalid limit: must be between 1 and ${max}`, 400);
  return limit;
}

export function pageOf<T>(all: readonly T[], token: string | null, limit: number): Page<T> {
  const start = token ? decodeToken(token) : 0;
  const end = start + limit;
  return {items: all.slice(start, end), next: end < all.length ? encodeToken(end) : undefined};
}
