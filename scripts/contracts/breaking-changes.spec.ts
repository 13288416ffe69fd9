import { describe, expect, it } from 'vitest';
import { breakingChanges } from './breaking-changes';

const doc = (paths: Record<string, unknown>, schemas: Record<string, unknown> = {}) => ({
  openapi: '3.1.0',
  paths,
  components: { schemas },
});
const patient = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', properties, required });
const getOp = (extra: Record<string, unknown> = {}) => ({
  get: {
    parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }],
    responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Patient' } } } } },
    ...extra,
  },
});
const released = doc({ '/p/{id}': getOp() }, { Patient: patient({ id: { type: 'string' }, mrn: { type: 'string' } }, ['id', 'mrn']) });

describe('breakingChanges', () => {
  it('accepts an identical or purely additive document', () => {
    expect(breakingChanges(released, released)).toEqual([]);
    const added = doc(
      { '/p/{id}': getOp(), '/q': getOp() },
      { Patient: patient({ id: { type: 'string' }, mrn: { type: 'string' }, extra: { type: 'string' } }, ['id', 'mrn']) },
    );
    expect(breakingChanges(released, added)).toEqual([]);
  });

  it.each([
    ['a removed operation', doc({}, released.components.schemas), 'GET /p/{id}: operation removed before its sunset'],
    [
      'a removed response field',
      doc({ '/p/{id}': getOp() }, { Patient: patient({ id: { type: 'string' } }, ['id']) }),
      'GET /p/{id} 200: field mrn removed',
    ],
    [
      'a field made optional',
      doc({ '/p/{id}': getOp() }, { Patient: patient({ id: { type: 'string' }, mrn: { type: 'string' } }, ['id']) }),
      'GET /p/{id} 200: field mrn is no longer always present',
    ],
    [
      'a retyped field',
      doc({ '/p/{id}': getOp() }, { Patient: patient({ id: { type: 'string' }, mrn: { type: 'number' } }, ['id', 'mrn']) }),
      'GET /p/{id} 200.mrn: type changed from "string" to "number"',
    ],
    [
      'a new required parameter',
      doc(
        {
          '/p/{id}': getOp({
            parameters: [
              { in: 'path', name: 'id', required: true, schema: { type: 'string' } },
              { in: 'query', name: 'x', required: true },
            ],
          }),
        },
        released.components.schemas,
      ),
      'GET /p/{id}: parameter query:x is now required',
    ],
  ])('reports %s', (_name, current, problem) => {
    expect(breakingChanges(released, current)).toContain(problem);
  });

  it('allows removing an operation after its sunset', () => {
    const deprecated = doc({ '/p/{id}': getOp({ 'x-sunset': '2027-06-30' }) }, released.components.schemas);
    const removed = doc({}, released.components.schemas);
    expect(breakingChanges(deprecated, removed, new Date('2027-07-01'))).toEqual([]);
    expect(breakingChanges(deprecated, removed, new Date('2027-06-01'))).toEqual(['GET /p/{id}: operation removed before its sunset']);
  });
});
