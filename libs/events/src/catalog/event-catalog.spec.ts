import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { describe, expect, it } from 'vitest';
import { defineEvent, MoneyDto, PatientDto } from '@concord/contracts';
import { asyncApiDocument } from './asyncapi';
import { dtoJsonSchemas } from './dto-json-schema';
import { EventCatalog, EventDataInvalidError, UnknownEventTypeError } from './event-catalog';

class LineData {
  @ApiProperty({ example: 'RB-SEMI' }) code!: string;
  @ApiProperty({ type: MoneyDto }) amount!: MoneyDto;
}

class ChargesCapturedData {
  @ApiProperty({ example: 'CG-100234' }) mrn!: string;
  @ApiProperty({ enum: ['inpatient', 'outpatient'] }) setting!: string;
  @ApiProperty({ type: [LineData] }) lines!: LineData[];
  @ApiPropertyOptional({ type: 'integer', minimum: 1 }) units?: number;
}

const CAPTURED = defineEvent({
  type: 'ehr.charge.captured.v1',
  dataClass: ChargesCapturedData,
  aggregateType: 'patient',
  orderingKey: (data) => data.mrn,
  summary: 'Charges captured',
  containsPhi: true,
  deadLetterPolicy: 'continue',
});

const valid = { mrn: 'CG-100234', setting: 'inpatient', lines: [{ code: 'RB-SEMI', amount: { amount: 560000, currency: 'USD' } }] };

describe('event catalog', () => {
  it('derives a JSON Schema from @ApiProperty metadata: required fields, enums, nested and array references', () => {
    const schemas = dtoJsonSchemas(ChargesCapturedData, '#/$defs/');
    expect(schemas.ChargesCapturedData).toMatchObject({
      required: ['mrn', 'setting', 'lines'],
      properties: {
        setting: { type: 'string', enum: ['inpatient', 'outpatient'] },
        lines: { type: 'array', items: { $ref: '#/$defs/LineData' } },
        units: { type: 'integer', minimum: 1 },
      },
    });
    expect(schemas.MoneyDto).toMatchObject({ properties: { amount: { type: 'integer' }, currency: { enum: ['USD'] } } });
  });

  it('describes a canonical DTO the way the published OpenAPI document does', () => {
    const openapi = JSON.parse(readFileSync(join(__dirname, '../../../../openapi/system-api.v1.json'), 'utf8'));
    const published = openapi.components.schemas.PatientDto;
    const derived = dtoJsonSchemas(PatientDto, '#/components/schemas/').PatientDto;
    expect(Object.keys(derived.properties as object).sort()).toEqual(Object.keys(published.properties).sort());
    expect([...(derived.required as string[])].sort()).toEqual([...published.required].sort());
  });

  it('accepts matching data and names each problem of data that does not match', () => {
    const catalog = new EventCatalog([CAPTURED]);
    expect(() => catalog.validate(CAPTURED.type, valid)).not.toThrow();
    let error: unknown;
    try {
      catalog.validate(CAPTURED.type, { ...valid, setting: 'elsewhere', lines: [{ code: 'X', amount: { amount: 1.5, currency: 'USD' } }] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EventDataInvalidError);
    expect((error as EventDataInvalidError).problems.map((p) => p.pointer).sort()).toEqual(['/lines/0/amount/amount', '/setting']);
    expect(() => catalog.validate('ehr.nothing.happened.v1', {})).toThrow(UnknownEventTypeError);
    expect(catalog.orderingKeyOf(CAPTURED.type, valid)).toBe('CG-100234');
  });

  it('refuses a type registered twice and a DTO without described fields', () => {
    expect(() => new EventCatalog([CAPTURED, CAPTURED])).toThrow(/registered twice/);
    class Bare {
      value!: string;
    }
    expect(() => new EventCatalog([{ ...CAPTURED, type: 'ehr.bare.seen.v1', dataClass: Bare }])).toThrow(/no @ApiProperty/);
  });

  it('publishes the catalog as a valid AsyncAPI 3 document with a channel and schema per type', async () => {
    const document = asyncApiDocument([CAPTURED], { title: 'Test', version: '1.0.0', description: 'x', subjectPrefix: 'concord' });
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(diagnostics.filter((d) => Number(d.severity) === Number(DiagnosticSeverity.Error))).toEqual([]);
    expect(
      parsed
        ?.channels()
        .all()
        .map((channel) => channel.address()),
    ).toEqual(['concord.ehr.charge.captured.v1']);
    expect((document.components as { schemas: Record<string, unknown> }).schemas).toHaveProperty('LineData');
  });
});
