import { describe, expect, it } from 'vitest';
import { cloudEvent, EVENT_TYPE_PATTERN, InvalidEventTypeError } from './cloud-event';

describe('cloudEvent', () => {
  it.each([
    ['ehr.encounter.discharged.v1', true],
    ['erp.inventory.below-reorder-point.v1', true],
    ['process.flow.exception-raised.v12', true],
    ['ehr.encounter.discharged', false],
    ['ehr.encounter.discharged.v0', false],
    ['EHR.encounter.discharged.v1', false],
    ['ehr.discharged.v1', false],
  ])('type %s valid: %s', (type, valid) => {
    expect(EVENT_TYPE_PATTERN.test(type)).toBe(valid);
  });

  it('builds a CloudEvents 1.0 envelope that starts its own correlation', () => {
    const event = cloudEvent({
      type: 'ehr.encounter.discharged.v1',
      source: '/system-api/ehr',
      data: { encounterId: 'e1' },
      time: new Date('2026-11-24T10:00:00Z'),
    });
    expect(event).toEqual({
      specversion: '1.0',
      id: expect.any(String),
      source: '/system-api/ehr',
      type: 'ehr.encounter.discharged.v1',
      time: '2026-11-24T10:00:00.000Z',
      datacontenttype: 'application/json',
      correlationid: event.id,
      data: { encounterId: 'e1' },
    });
  });

  it('continues a correlation and records its cause', () => {
    const event = cloudEvent({
      type: 'billing.claim.submitted.v1',
      source: '/process-api',
      data: {},
      correlationId: 'journey-1',
      causationId: 'evt-0',
      subject: 'claim/1',
    });
    expect(event).toMatchObject({ correlationid: 'journey-1', causationid: 'evt-0', subject: 'claim/1' });
  });

  it('refuses badly named types', () => {
    expect(() => cloudEvent({ type: 'patientDischarged', source: '/x', data: {} })).toThrow(InvalidEventTypeError);
  });
});
