import { createHash, randomUUID } from 'node:crypto';
import {
  type Hl7ClinicalChange,
  type Hl7InboundResult,
  type Hl7Message,
  Hl7MappingError,
  Hl7ParseError,
  decodeHl7Bytes,
  peekHl7Header,
} from '@concord/connectors/hl7v2';
import type { EhrMessageEntity } from './ehr-message.entity';

/** What a stored message row needs from a read inbound frame. */
export type NewEhrMessage = Omit<EhrMessageEntity, 'eventCount' | 'attempts' | 'duplicates' | 'processedAt' | 'updatedAt'>;

/**
 * Builds the ehr_message row for one inbound frame as `readInboundHl7` read it: mapped messages are `processed`
 * (their events are written in the same transaction), everything else `failed` with a reason that names segment,
 * field and rule but never a value (reasons are shown to operators and may reach logs).
 */
export function messageRecordOf(frame: Buffer | string, result: Hl7InboundResult, receivedAt: Date, remoteAddress?: string): NewEhrMessage {
  // As the message declares (MSH-18): an ISO 8859-1 feed is stored as the text it is, not as mangled UTF-8.
  const raw = typeof frame === 'string' ? frame : decodeHl7Bytes(frame);
  const header = result.message ? undefined : peekHl7Header(frame);
  const facts = result.change?.message;
  const sendingApplication = facts?.sendingApplication ?? result.message?.get('MSH', 3) ?? header?.sendingApplication ?? null;
  const controlId = result.controlId;
  const type = result.message?.type;
  return {
    id: randomUUID(),
    dedupeKey: controlId ? dedupeKeyOf(sendingApplication, controlId, raw) : null,
    controlId,
    sendingApplication: sendingApplication || null,
    sendingFacility: facts?.sendingFacility ?? result.message?.get('MSH', 4) ?? (header?.sendingFacility || null),
    messageType: (facts?.messageType ?? (type ? (type.trigger ? `${type.code}^${type.trigger}` : type.code) : headerType(header))).slice(
      0,
      20,
    ),
    patientIdentifiers: identifierColumn(
      result.change ? identifiersOfChange(result.change) : result.message ? identifiersOfMessage(result.message) : [],
    ),
    raw,
    status: result.outcome === 'mapped' ? 'processed' : 'failed',
    reason: result.outcome === 'mapped' ? null : reasonOf(result),
    ack: result.ack,
    ackCode: ackCodeOf(result.ack),
    remoteAddress: remoteAddress ?? null,
    receivedAt: receivedAt.toISOString(),
  };
}

/**
 * A retransmission is the same message again: same sending application, same MSH-10 and the same text. A sender
 * that reuses a control id for a different message (a counter reset after a restart, a sample copied twice) must
 * not have that message swallowed as a "duplicate", so the text is part of the key: such a message is stored and
 * processed as the new message it is.
 */
export function dedupeKeyOf(sendingApplication: string | null | undefined, controlId: string, raw: string): string {
  return createHash('sha256')
    .update(`${sendingApplication ?? ''}\u001f${controlId}\u001f${raw}`)
    .digest('hex');
}

export function reasonOf(result: Pick<Hl7InboundResult, 'outcome' | 'error' | 'change'>): string {
  const { error } = result;
  switch (result.outcome) {
    case 'mapped':
      return '';
    case 'unsupported':
      return `unsupported: message type ${result.change?.kind === 'unsupported' ? result.change.messageType : ''} is not accepted on this interface`;
    case 'mapping-error':
    case 'rejected':
      // Both error classes build their messages from positions and rules only, never from field values.
      return `${result.outcome}: ${error instanceof Hl7MappingError || error instanceof Hl7ParseError ? error.message : 'unreadable message'}`.slice(
        0,
        1000,
      );
    case 'failed':
      return `failed: unexpected ${error instanceof Error ? error.name : 'error'} while mapping`;
  }
}

export function ackCodeOf(ack: string): string {
  const msa = ack.split(/\r\n|\r|\n/).find((segment) => segment.startsWith('MSA'));
  return msa ? msa.slice(4, 6) : 'AR';
}

/** Search column: every identifier value between bars, so `LIKE '%|value|%'` finds exact values. */
export function identifierColumn(values: string[]): string {
  const unique = [...new Set(values.filter(Boolean).map((value) => value.replace(/\|/g, '')))];
  let column = '|';
  for (const value of unique) {
    if (column.length + value.length + 1 > 1000) break;
    column += `${value}|`;
  }
  return column;
}

function identifiersOfChange(change: Hl7ClinicalChange): string[] {
  switch (change.kind) {
    case 'patient-merged':
      return change.merges.flatMap((merge) => [
        ...merge.patient.identifiers.map((identifier) => identifier.value),
        ...merge.priorIdentifiers.map((identifier) => identifier.value),
      ]);
    case 'unsupported':
      return [];
    default:
      return change.patient.identifiers.map((identifier) => identifier.value);
  }
}

function identifiersOfMessage(message: Hl7Message): string[] {
  const values: string[] = [];
  for (const name of ['PID', 'MRG']) {
    const segment = message.getSegment(name);
    const field = name === 'PID' ? 3 : 1;
    if (!segment) continue;
    for (let rep = 1; rep <= segment.repetitionCount(field); rep++) {
      const value = segment.get(field, { rep, component: 1 });
      if (value) values.push(value);
    }
  }
  return values;
}

function headerType(header: ReturnType<typeof peekHl7Header>): string {
  if (!header?.messageCode) return '';
  return header.trigger ? `${header.messageCode}^${header.trigger}` : header.messageCode;
}

export function newMessageId(): string {
  return randomUUID();
}
