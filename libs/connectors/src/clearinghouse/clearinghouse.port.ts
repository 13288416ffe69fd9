import type { InboundFile, PickUpOutcome, PickUpResult } from './folder-exchange';

/** A batch file for the clearinghouse (837 claims, 270 inquiries), named by the sender. */
export interface OutboundFile {
  name: string;
  content: string;
}

/**
 * What Concord needs from a clearinghouse, whatever the transport: send batch files, collect what
 * comes back (999, 277CA, 835, 271), and ask a real-time eligibility question (270 → 271, the
 * CAQH CORE pattern). system-api depends on this; adapters throw ClearinghouseConnectorException.
 */
export abstract class ClearinghousePort {
  /** Sends a file; resolves once it is durably handed over (a retry with the same name is refused, never doubled). */
  abstract submit(file: OutboundFile): Promise<{ reference: string }>;
  /** Whether a submitted file is still waiting to be taken by the clearinghouse. */
  abstract isWaiting(name: string): Promise<boolean>;
  /** Hands each file the clearinghouse sent back to `handler` exactly once, in arrival (name) order. */
  abstract collect(handler: (file: InboundFile) => Promise<PickUpOutcome>): Promise<PickUpResult>;
  /** Sends one real-time inquiry and returns the clearinghouse's X12 answer (a 271, or a 999 refusing it). */
  abstract inquire(x12: string): Promise<string>;
}
