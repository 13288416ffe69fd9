import { ODataException, ODataExceptionCode as Code } from './odata.exception';

/** One request of a batch as it goes on the wire, URL relative to the service root. */
export interface WireRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  atomicityGroup?: string;
}

/** One answer inside a batch response. */
export interface WireResponse {
  /** The request id (JSON batch) or Content-ID (multipart change set part), when the server sent one. */
  id?: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** JSON batch: the change set the answer belongs to, when the server said so. */
  atomicityGroup?: string;
}

/**
 * A top-level part of a multipart batch response: one answer, or the answers of a change set. A
 * change set that failed comes back as one bare answer standing for all of it (OData 4.0 §11.7.4).
 */
export type MultipartSlot = { kind: 'single'; answer: WireResponse } | { kind: 'changeSet'; answers: WireResponse[] };

const CRLF = '\r\n';

/** A multipart/mixed $batch body (OData 4.0 §11.7): change sets as nested multiparts, Content-ID = request id. */
export function writeMultipartBatch(requests: readonly WireRequest[], boundary: string): string {
  const lines: string[] = [];
  for (let index = 0; index < requests.length;) {
    const group = requests[index].atomicityGroup;
    if (group === undefined) {
      lines.push(`--${boundary}`, ...httpPart(requests[index], false));
      index++;
      continue;
    }
    const changeSet = `changeset_${boundary}_${group}`;
    lines.push(`--${boundary}`, `Content-Type: multipart/mixed; boundary=${changeSet}`, '');
    while (index < requests.length && requests[index].atomicityGroup === group) {
      lines.push(`--${changeSet}`, ...httpPart(requests[index], true));
      index++;
    }
    lines.push(`--${changeSet}--`, '');
  }
  lines.push(`--${boundary}--`, '');
  return lines.join(CRLF);
}

function httpPart(request: WireRequest, inChangeSet: boolean): string[] {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (inChangeSet) lines.push(`Content-ID: ${request.id}`);
  lines.push('', `${request.method} ${request.url} HTTP/1.1`);
  for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${value}`);
  lines.push('', request.body === undefined ? '' : JSON.stringify(request.body));
  return lines;
}

/** The boundary parameter of a multipart Content-Type, or undefined. */
export function boundaryOf(contentType: string | null): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match?.[1] ?? match?.[2];
}

/** Parses a multipart/mixed batch response into its top-level parts, in order. */
export function readMultipartBatch(text: string, boundary: string): MultipartSlot[] {
  return splitParts(text, boundary).map((part): MultipartSlot => {
    const { headers, content } = splitHeaders(part);
    const nested = boundaryOf(headers['content-type'] ?? null);
    if (nested && /^multipart\/mixed/i.test(headers['content-type'] ?? '')) {
      const answers = splitParts(content, nested).map((inner) => {
        const split = splitHeaders(inner);
        return { ...readHttpResponse(split.content), id: split.headers['content-id'] };
      });
      return { kind: 'changeSet', answers };
    }
    return { kind: 'single', answer: { ...readHttpResponse(content), id: headers['content-id'] } };
  });
}

function splitParts(text: string, boundary: string): string[] {
  const parts: string[] = [];
  let current: string[] | undefined;
  let closed = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.trimEnd() === `--${boundary}--`) {
      if (current) parts.push(current.join(CRLF));
      closed = true;
      break;
    }
    if (line.trimEnd() === `--${boundary}`) {
      if (current) parts.push(current.join(CRLF));
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (!closed) throw new ODataException(Code.INVALID_RESPONSE, 'The $batch response is not a complete multipart body');
  return parts;
}

function splitHeaders(part: string): { headers: Record<string, string>; content: string } {
  const lines = part.split(CRLF);
  const headers: Record<string, string> = {};
  let index = 0;
  for (; index < lines.length && lines[index] !== ''; index++) {
    const separator = lines[index].indexOf(':');
    if (separator > 0) headers[lines[index].slice(0, separator).trim().toLowerCase()] = lines[index].slice(separator + 1).trim();
  }
  return { headers, content: lines.slice(index + 1).join(CRLF) };
}

function readHttpResponse(content: string): WireResponse {
  const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(content);
  if (!statusLine) throw new ODataException(Code.INVALID_RESPONSE, 'A $batch part has no HTTP status line');
  const { headers, content: body } = splitHeaders(content.slice(content.indexOf(CRLF) + CRLF.length));
  const trimmed = body.trim();
  let parsed: unknown = undefined;
  if (trimmed) {
    try {
      parsed = JSON.parse(trimmed) as unknown;
    } catch {
      parsed = undefined;
    }
  }
  return { status: Number(statusLine[1]), headers, body: parsed };
}
