import type { Hl7ClinicalChange, Hl7MessageFacts } from './clinical-change';
import { isMappedAdtTrigger, mapAdt } from './adt-mapping';
import { mapDftP03 } from './dft-mapping';
import { Hl7MappingContext } from './hl7-mapping-context';
import type { Hl7Message } from './hl7-message';

/**
 * What a parsed HL7 v2 message means for the canonical model: ADT A01/A02/A03/A04/A08/A11/A13/A40 and DFT^P03 map
 * to one case each; anything else is `unsupported` (answer AR, ERR 200). Missing required data throws an
 * Hl7MappingError naming segment and field (answer AE); lesser gaps are returned as warnings. Pure: no I/O, no clock.
 */
export function mapHl7ToClinicalChange(message: Hl7Message): Hl7ClinicalChange {
  const ctx = new Hl7MappingContext(message);
  const facts = messageFacts(ctx);
  const { code, trigger } = message.type;
  // MSH-9.2 is optional before v2.3.1 in some feeds; EVN-1 carried the trigger then.
  const evn = message.getSegment('EVN');
  const event = trigger || (evn && ctx.value(evn, 1)) || '';
  if (code === 'ADT' && isMappedAdtTrigger(event)) return mapAdt(ctx, event, facts);
  if (code === 'DFT' && event === 'P03') return mapDftP03(ctx, facts);
  return { kind: 'unsupported', messageType: facts.messageType, message: facts, warnings: ctx.warnings };
}

function messageFacts(ctx: Hl7MappingContext): Hl7MessageFacts {
  const { message } = ctx;
  const msh = message.header;
  const evn = message.getSegment('EVN');
  const sentAt = ctx.dateTime(msh, 7, 'message date/time');
  const eventAt = evn && (ctx.dateTime(evn, 6, 'event occurred') ?? ctx.dateTime(evn, 2, 'recorded date/time'));
  const { code, trigger } = message.type;
  const sendingApplication = ctx.value(msh, 3);
  const sendingFacility = ctx.value(msh, 4);
  return {
    controlId: message.controlId,
    messageType: trigger ? `${code}^${trigger}` : code,
    ...(message.version ? { version: message.version } : {}),
    ...(sendingApplication ? { sendingApplication } : {}),
    ...(sendingFacility ? { sendingFacility } : {}),
    ...(sentAt ? { sentAt } : {}),
    ...(eventAt ? { eventAt } : {}),
  };
}
