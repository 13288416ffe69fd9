import { header, type Middleware } from './middleware';

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  /** Milliseconds since the epoch at arrival. */
  at: number;
  ifMatch?: string;
  csrfToken?: string;
  authorization?: string;
}

/** Every request the server received, for tests that assert on what went over the wire. */
export class RequestLog {
  readonly entries: RecordedRequest[] = [];
  /** Requests being served right now, and the most there ever were at once (since the last clear). */
  inFlight = 0;
  maxInFlight = 0;

  readonly middleware: Middleware = (request, response, next) => {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    response.once('close', () => this.inFlight--);
    this.entries.push({
      method: request.method ?? '',
      url: request.url ?? '',
      at: Date.now(),
      ifMatch: header(request, 'if-match'),
      csrfToken: header(request, 'x-csrf-token'),
      authorization: header(request, 'authorization'),
    });
    next();
  };

  clear(): void {
    this.entries.length = 0;
    this.maxInFlight = this.inFlight;
  }
}
