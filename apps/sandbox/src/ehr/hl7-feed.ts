import { MllpClient, MllpClientError, MllpClientErrorCode } from '@concord/connectors/hl7v2';
import { AVERY_A01, AVERY_A03, AVERY_DFT, JORDAN_A04, JORDAN_DFT_VISIT } from '@concord/connectors/hl7v2/demo-hospital.fixture';
import type { AppLogger } from '@concord/platform';

/**
 * The demo hospital's HL7 v2 feed, in the order an interface engine would send it (../shared/SCENARIOS.md):
 * scenario 1, Avery Quinn admitted (A01, department 6100), her charges with the knee arthroplasty and the
 * KNEE-TOT-CR implant it used (DFT^P03), then her discharge (A03); scenario 2, Jordan Rivera's clinic visit (A04)
 * and its office-visit charge (DFT^P03). Patients, MRNs and visit numbers match the sandbox FHIR seed.
 */
export const DEMO_HL7_FEED: readonly string[] = [AVERY_A01, AVERY_DFT, AVERY_A03, JORDAN_A04, JORDAN_DFT_VISIT];

export interface Hl7FeedOptions {
  host: string;
  port: number;
  messages?: readonly string[];
  /** Pause between messages, so a person watching the demo sees admission before discharge. */
  intervalMs?: number;
  /** How long to keep trying while the receiver is not listening yet (it starts after the sandbox). */
  waitForReceiverMs?: number;
  logger?: AppLogger;
}

export interface Hl7FeedResult {
  controlId: string;
  ackCode: string;
}

/**
 * Sends the feed over MLLP one message at a time, each after the previous one's ACK, like an interface engine.
 * Deterministic: the same messages with the same control ids every run, so the receiver's de-duplication makes a
 * second run harmless. Message contents are never logged (PHI); control ids and ACK codes are.
 */
export async function runHl7Feed(options: Hl7FeedOptions): Promise<Hl7FeedResult[]> {
  const messages = options.messages ?? DEMO_HL7_FEED;
  const deadline = Date.now() + (options.waitForReceiverMs ?? 120_000);
  const client = new MllpClient({ host: options.host, port: options.port, reconnect: { attempts: 1, delayMs: 0 }, ackTimeoutMs: 30_000 });
  const results: Hl7FeedResult[] = [];
  try {
    for (const [index, message] of messages.entries()) {
      if (index > 0 && options.intervalMs) await sleep(options.intervalMs);
      for (;;) {
        try {
          const ack = await client.send(message);
          const result = { controlId: ack.get('MSA', 2) ?? '', ackCode: ack.get('MSA', 1) ?? '' };
          options.logger?.info(result, 'HL7 v2 demo feed: message acknowledged');
          results.push(result);
          break;
        } catch (error) {
          const unreachable =
            error instanceof MllpClientError &&
            [MllpClientErrorCode.CONNECTION_FAILED, MllpClientErrorCode.CONNECTION_LOST].includes(error.code);
          if (!unreachable || Date.now() > deadline) throw error;
          await sleep(500);
        }
      }
    }
  } finally {
    await client.close();
  }
  return results;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
