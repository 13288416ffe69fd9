import { describe, expect, it } from 'vitest';
import { mapHl7ToClinicalChange, parseHl7 } from '@concord/connectors/hl7v2';
import { EVENT_CATALOG } from '@concord/contracts';
import { EventCatalog } from '@concord/events';
import {
  AVERY_A01,
  AVERY_A03,
  AVERY_DFT,
  JORDAN_A04,
  JORDAN_DFT_LATE_STREP,
} from '../../../../../libs/connectors/src/hl7v2/demo-hospital.fixture';
import { eventPatientId, eventsForChange } from './hl7-change-events';

const catalog = new EventCatalog(EVENT_CATALOG);

/** Rewrites MSH-9 (and EVN-1) of a demo message to another ADT trigger. */
const asTrigger = (message: string, trigger: string) =>
  message.replace(/\|ADT\^A0\d\^ADT_A0\d\|/, `|ADT^${trigger}^ADT_A01|`).replace(/EVN\|A0\d\|/, `EVN|${trigger}|`);

const A40 = [
  'MSH|^~\\&|EPIC|CONCORD-GENERAL|CONCORD|CONCORD|20261105090000-0500||ADT^A40^ADT_A39|CG-ADT-0040|P|2.5.1',
  'EVN|A40|20261105090000-0500',
  'PID|1||CG-100234^^^CONCORD^MR~avery-quinn^^^EHR^PI||Quinn^Avery^J||19570314|F',
  'MRG|CG-100999^^^CONCORD^MR~avery-quinn-dup^^^EHR^PI',
].join('\r');

const table: { name: string; message: string; types: string[]; check?: (data: Record<string, unknown>[]) => void }[] = [
  {
    name: 'ADT^A01 → registered + admitted',
    message: AVERY_A01,
    types: ['ehr.patient.registered.v1', 'ehr.encounter.admitted.v1'],
    check: ([registered, admitted]) => {
      expect(registered).toMatchObject({ patientId: 'avery-quinn', mrn: 'CG-100234', sex: 'female' });
      expect(admitted).toMatchObject({
        encounterId: 'V-CG-7781',
        class: 'inpatient',
        departmentCode: '6100',
        primaryPayerId: 'MCRA1',
        diagnoses: [{ code: 'M17.12' }],
      });
    },
  },
  {
    name: 'ADT^A04 → registered + admitted (outpatient)',
    message: JORDAN_A04,
    types: ['ehr.patient.registered.v1', 'ehr.encounter.admitted.v1'],
    check: ([, admitted]) => expect(admitted).toMatchObject({ class: 'ambulatory', departmentCode: '7100', primaryPayerId: 'KHP01' }),
  },
  {
    name: 'ADT^A02 → transferred',
    message: asTrigger(AVERY_A01, 'A02'),
    types: ['ehr.encounter.transferred.v1'],
    check: ([transferred]) => expect(transferred).toMatchObject({ encounterId: 'V-CG-7781', locationId: expect.stringContaining('4W') }),
  },
  {
    name: 'ADT^A03 → discharged (procedures are announced by the DFT)',
    message: AVERY_A03,
    types: ['ehr.encounter.discharged.v1'],
    check: ([discharged]) =>
      expect(discharged).toMatchObject({
        dischargeDisposition: '01',
        dischargedAt: expect.any(String),
        admitSource: '1',
        attendingName: { family: 'Park', given: 'Ellis' },
      }),
  },
  {
    name: 'ADT^A03 with IN1 → discharged with the coverages patient-to-cash bills',
    message: `${AVERY_A03}\rIN1|1|MCRA^Medicare Part A|MCRA1|Medicare Part A||||||||20220301||||Quinn^Avery^J|SEL|||||||||||||||||||1EG4TE5MK73`,
    types: ['ehr.encounter.discharged.v1'],
    check: ([discharged]) =>
      expect(discharged).toMatchObject({
        primaryPayerId: 'MCRA1',
        coverages: [{ order: 1, payerId: 'MCRA1', memberId: '1EG4TE5MK73', relationship: 'self' }],
      }),
  },
  {
    name: 'ADT^A08 → updated with the fields carried',
    message: asTrigger(AVERY_A01, 'A08'),
    types: ['ehr.patient.updated.v1'],
    check: ([updated]) => expect(updated.changedFields).toEqual(expect.arrayContaining(['name', 'birthDate', 'address', 'telecom'])),
  },
  { name: 'ADT^A11 → cancelled', message: asTrigger(AVERY_A01, 'A11'), types: ['ehr.encounter.cancelled.v1'] },
  { name: 'ADT^A13 → cancelled', message: asTrigger(AVERY_A03, 'A13'), types: ['ehr.encounter.cancelled.v1'] },
  {
    name: 'ADT^A40 → merged',
    message: A40,
    types: ['ehr.patient.merged.v1'],
    check: ([merged]) =>
      expect(merged).toMatchObject({ patientId: 'avery-quinn', mergedPatientId: 'avery-quinn-dup', mergedMrn: 'CG-100999' }),
  },
  {
    name: 'DFT^P03 → procedure.performed with items used + a charge per FT1',
    message: AVERY_DFT,
    types: ['ehr.procedure.performed.v1', ...Array<string>(5).fill('ehr.charge.captured.v1')],
    check: ([procedure, ...charges]) => {
      expect(procedure).toMatchObject({
        procedureId: 'proc-tka-aq',
        itemsUsed: [
          { itemCode: 'KNEE-TOT-CR', quantity: 1, gtin: '00812345678906', serialNumber: 'SN-KN-55012', lotNumber: 'LOT-2026-114' },
        ],
      });
      expect(charges.map((c) => [c.chargeCode, c.quantity, c.transactionType])).toEqual([
        ['RB-SEMI', 2, 'CG'],
        ['OR-ORTHO-60', 1, 'CG'],
        ['IMP-KNEE', 1, 'CG'],
        ['RX-GEN', 1, 'CG'],
        ['LAB-CBC', 1, 'CG'],
      ]);
      expect(charges[0]).toMatchObject({ amount: { amount: 560000, currency: 'USD' } });
    },
  },
  { name: 'DFT^P03 late charge → one charge', message: JORDAN_DFT_LATE_STREP, types: ['ehr.charge.captured.v1'] },
];

describe('eventsForChange (HL7 v2 clinical change → ehr.* events)', () => {
  it.each(table)('$name', ({ message, types, check }) => {
    const change = mapHl7ToClinicalChange(parseHl7(message));
    const events = eventsForChange(change, 'msg-1');
    expect(events.map((event) => event.type)).toEqual(types);
    for (const event of events) {
      // Every event matches its catalog schema and names the message it came from.
      expect(() => catalog.validate(event.type, event.data)).not.toThrow();
      expect(event.data).toMatchObject({ source: { origin: 'hl7v2', controlId: change.message.controlId, messageId: 'msg-1' } });
    }
    check?.(events.map((event) => event.data as Record<string, unknown>));
  });

  it('derives event ids from the stored message, so processing it again yields the same ids', () => {
    const change = mapHl7ToClinicalChange(parseHl7(AVERY_DFT));
    const first = eventsForChange(change, 'msg-1').map((event) => event.id);
    expect(eventsForChange(change, 'msg-1').map((event) => event.id)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    expect(eventsForChange(change, 'msg-2').map((event) => event.id)).not.toEqual(first);
  });

  it('announces nothing for an unsupported message type', () => {
    const oru = 'MSH|^~\\&|LAB|CGH|CONCORD|CONCORD|20261102||ORU^R01^ORU_R01|L1|P|2.5.1\rPID|1||CG-100234^^^CONCORD^MR\r';
    expect(eventsForChange(mapHl7ToClinicalChange(parseHl7(oru)), 'm')).toEqual([]);
  });

  it('uses mrn:<MRN> as the patient id when the feed sent no EHR id', () => {
    expect(eventPatientId({ id: 'CG-1', mrn: 'CG-1' })).toBe('mrn:CG-1');
    expect(eventPatientId({ id: 'avery-quinn', mrn: 'CG-100234' })).toBe('avery-quinn');
  });
});
