/** One structured line per request; never personal data. */
import { config } from './config';

export interface RequestLogLine {
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  code?: string;
}

export function logRequest(line: RequestLogLine): void {
  if (!config.logRequests) return;
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'request', ...line })}\n`);
}

export function logError(requestId: string, route: string, error: unknown): void {
  const cause = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'unexpected error', requestId, route, cause })}\n`);
}
