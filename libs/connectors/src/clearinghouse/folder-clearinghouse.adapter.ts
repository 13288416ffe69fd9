import { join } from 'node:path';
import { propagationHeaders } from '@concord/platform';
import { ClearinghouseConnectorException, ClearinghouseConnectorExceptionCode as Code } from './clearinghouse-connector.exception';
import { ClearinghousePort, type OutboundFile } from './clearinghouse.port';
import { FolderExchange, type InboundFile, type PickUpOutcome, type PickUpResult } from './folder-exchange';

export const X12_CONTENT_TYPE = 'application/edi-x12';

export interface FolderClearinghouseOptions {
  /** Root of the exchange: Concord writes into `<directory>/outbound` and reads `<directory>/inbound`. */
  directory: string;
  /** See FolderExchangeOptions.settleMs. */
  settleMs?: number;
  /** URL of the clearinghouse's real-time X12 endpoint (POST application/edi-x12); eligibility is batch-only without it. */
  realtimeUrl?: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** The clearinghouse's folders relative to the exchange root, from Concord's side. */
export function clearinghouseFolders(directory: string): { outbound: string; inbound: string } {
  return { outbound: join(directory, 'outbound'), inbound: join(directory, 'inbound') };
}

/** ClearinghousePort over a shared folder (a mounted mailbox or the sandbox's drop folder) and HTTPS for real time. */
export class FolderClearinghouseAdapter extends ClearinghousePort {
  readonly exchange: FolderExchange;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: FolderClearinghouseOptions) {
    super();
    const folders = clearinghouseFolders(options.directory);
    this.exchange = new FolderExchange({ outbox: folders.outbound, inbox: folders.inbound, settleMs: options.settleMs });
    this.fetchImpl = options.fetch ?? fetch;
  }

  async submit(file: OutboundFile): Promise<{ reference: string }> {
    await this.exchange.deliver(file.name, file.content);
    return { reference: file.name };
  }

  isWaiting(name: string): Promise<boolean> {
    return this.exchange.isWaiting(name);
  }

  collect(handler: (file: InboundFile) => Promise<PickUpOutcome>): Promise<PickUpResult> {
    return this.exchange.pickUp(handler);
  }

  async inquire(x12: string): Promise<string> {
    if (!this.options.realtimeUrl)
      throw new ClearinghouseConnectorException(Code.REALTIME_NOT_CONFIGURED, 'No real-time clearinghouse endpoint is configured');
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(this.options.realtimeUrl, {
        method: 'POST',
        headers: { 'content-type': X12_CONTENT_TYPE, accept: X12_CONTENT_TYPE, ...propagationHeaders() },
        body: x12,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
        throw new ClearinghouseConnectorException(
          Code.REALTIME_TIMEOUT,
          `The clearinghouse did not answer within ${this.options.timeoutMs} ms`,
          [],
          {
            cause: error,
          },
        );
      throw new ClearinghouseConnectorException(Code.REALTIME_UNAVAILABLE, 'The clearinghouse could not be reached', [], { cause: error });
    }
    if (response.status >= 500 || response.status === 429)
      throw new ClearinghouseConnectorException(Code.REALTIME_UNAVAILABLE, `The clearinghouse answered ${response.status}`);
    // A refused inquiry still comes back as X12 (a 999 naming what is wrong): hand that over like an answer.
    if (text.trimStart().startsWith('ISA')) return text;
    throw new ClearinghouseConnectorException(
      Code.REALTIME_REJECTED,
      `The clearinghouse answered ${response.status} without an X12 answer`,
    );
  }
}
