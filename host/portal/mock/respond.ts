import type { ServerResponse } from 'node:http';
import { WIRE_ERROR } from '../wire';

/** Writes a JSON answer with its length. */
export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** What a service answers inside HTTP 200 (the gateway's envelope). */
export type Answer = { error_code: string; message?: string; result?: unknown };
export const refuse = (message: string): Answer => ({ error_code: WIRE_ERROR.invalidData, message });
export const NOT_FOUND: Answer = { error_code: WIRE_ERROR.notFound, message: 'Không tìm thấy hồ sơ' };
