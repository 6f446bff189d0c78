import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logger.js';

/** What node's HTTP parser refuses before any route runs, in the API's `{error:{code,message}}` shape. */
const ANSWERS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    message: 'The request headers are too large (16 KB at most, cookies included); send fewer or smaller headers.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', message: 'The request took too long to arrive.' },
  ERR_HTTP_HEADERS_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    message: 'The request headers took too long to arrive.',
  },
};
const MALFORMED = { status: 400, code: 'bad_request', message: 'The request is not valid HTTP.' };

/**
 * Node's `clientError` handler: without one, node answers a bare status line with no body. There
 * is no request or response object here, so the response is written to the socket by hand.
 */
export function answerClientError(log: Logger) {
  return (err: Error & { code?: string }, socket: Duplex): void => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const answer = (err.code && ANSWERS[err.code]) || MALFORMED;
    log.debug({ code: err.code, status: answer.status }, 'refused a malformed HTTP request');
    const body = JSON.stringify({ error: { code: answer.code, message: answer.message } });
    socket.end(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  };
}
