import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { RequestException, RequestExceptionCode } from './domain.exception';
import type { FieldError } from './field-error';
import { ProblemValidationPipe } from './problem-validation.pipe';

class AddressInput {
  @IsString()
  @MinLength(2)
  city!: string;

  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'postalCode must be five digits' })
  postalCode?: string;
}

class PatientInput {
  @IsString()
  @MinLength(2, { message: 'family must be at least 2 characters' })
  family!: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => AddressInput)
  address?: AddressInput;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => AddressInput)
  previousAddresses?: AddressInput[];
}

/** A body whose member names need JSON Pointer escaping. */
class OddNamesInput {
  @IsString({ message: 'a/b must be a string' })
  'a/b'!: string;

  @IsString({ message: 'm~n must be a string' })
  'm~n'!: string;

  @IsOptional()
  @IsString({ message: '~1 must be a string' })
  '~1'?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AddressInput)
  'home/work'?: AddressInput;
}

class IdParams {
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'id must be 1-64 lower-case letters, digits or "-"' })
  id!: string;
}

const pipe = new ProblemValidationPipe();

const body: ArgumentMetadata = { type: 'body', metatype: PatientInput };
const query: ArgumentMetadata = { type: 'query', metatype: PatientInput };
const param: ArgumentMetadata = { type: 'param', metatype: IdParams };

/** The RequestException the pipe throws; fails the test if it accepts the value or throws something else. */
async function rejection(value: unknown, metadata: ArgumentMetadata): Promise<RequestException> {
  const error = await pipe.transform(value, metadata).then(
    (result) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(RequestException);
  const exception = error as RequestException;
  expect(exception.code).toBe(RequestExceptionCode.VALIDATION_FAILED);
  return exception;
}

const byName = (errors: FieldError[]) => [...errors].sort((a, b) => a.name.localeCompare(b.name) || a.detail.localeCompare(b.detail));

describe('ProblemValidationPipe', () => {
  it('returns a transformed instance for valid input', async () => {
    const result = await pipe.transform({ family: 'Quinn', limit: '20', address: { city: 'Concord' } }, query);
    expect(result).toBeInstanceOf(PatientInput);
    expect(result).toMatchObject({ family: 'Quinn', limit: 20 });
    expect((result as PatientInput).address).toBeInstanceOf(AddressInput);
  });

  it('lists every invalid body field with a dotted name and a JSON pointer', async () => {
    const error = await rejection(
      {
        family: 'Q',
        limit: 2.5,
        address: { city: 'Concord', postalCode: 'ABCDE' },
        previousAddresses: [{ city: 'Boston' }, { city: 'X' }],
      },
      body,
    );
    expect(byName(error.fieldErrors)).toStrictEqual([
      { in: 'body', name: 'address.postalCode', pointer: '/address/postalCode', detail: 'postalCode must be five digits' },
      { in: 'body', name: 'family', pointer: '/family', detail: 'family must be at least 2 characters' },
      { in: 'body', name: 'limit', pointer: '/limit', detail: 'limit must be an integer' },
      {
        in: 'body',
        name: 'previousAddresses.1.city',
        pointer: '/previousAddresses/1/city',
        detail: 'city must be longer than or equal to 2 characters',
      },
    ]);
    expect(error.message).toMatch(/^Invalid request body: /);
    for (const name of ['family', 'limit', 'address.postalCode', 'previousAddresses.1.city']) expect(error.message).toContain(name);
  });

  it('reports query fields with in "query" and no pointer', async () => {
    const error = await rejection({ family: 'Q', limit: '0' }, query);
    expect(byName(error.fieldErrors)).toStrictEqual([
      { in: 'query', name: 'family', detail: 'family must be at least 2 characters' },
      { in: 'query', name: 'limit', detail: 'limit must not be less than 1' },
    ]);
    expect(error.message).toBe('Invalid query parameters: family, limit');
  });

  it('reports path parameters with in "path" and no pointer', async () => {
    const error = await rejection({ id: 'Not An Id' }, param);
    expect(error.fieldErrors).toStrictEqual([{ in: 'path', name: 'id', detail: 'id must be 1-64 lower-case letters, digits or "-"' }]);
    expect(error.message).toBe('Invalid path parameters: id');
  });

  it('names a field only once in the message even when it breaks several rules', async () => {
    const error = await rejection({ family: 7 }, query);
    expect(error.fieldErrors.filter((f) => f.name === 'family').length).toBeGreaterThan(1);
    expect(error.message).toBe('Invalid query parameters: family');
  });

  it.each([
    { metadata: body, expected: [{ in: 'body', name: 'ssn', pointer: '/ssn', detail: 'ssn is not a known field' }] },
    { metadata: query, expected: [{ in: 'query', name: 'ssn', detail: 'ssn is not a known field' }] },
  ])('reports an unknown field in the $metadata.type as not known', async ({ metadata, expected }) => {
    const error = await rejection({ family: 'Quinn', ssn: '999-00-1234' }, metadata);
    expect(error.fieldErrors).toStrictEqual(expected);
  });

  it('reports an unknown nested field by its full path', async () => {
    const error = await rejection({ family: 'Quinn', address: { city: 'Concord', colour: 'blue' } }, body);
    expect(error.fieldErrors).toStrictEqual([
      { in: 'body', name: 'address.colour', pointer: '/address/colour', detail: 'colour is not a known field' },
    ]);
  });

  it('reports a nested object that is missing its required fields', async () => {
    const error = await rejection({ family: 'Quinn', address: {} }, body);
    expect(error.fieldErrors.map((f) => [f.name, f.pointer])).toContainEqual(['address.city', '/address/city']);
    expect(new Set(error.fieldErrors.map((f) => f.name))).toStrictEqual(new Set(['address.city']));
  });

  it('escapes "~" as "~0" and "/" as "~1" in body pointers (RFC 6901), keeping the plain name', async () => {
    const odd: ArgumentMetadata = { type: 'body', metatype: OddNamesInput };
    const error = await rejection({ 'a/b': 1, 'm~n': 2, '~1': 3, 'home/work': { city: 'X' } }, odd);
    expect(byName(error.fieldErrors)).toStrictEqual([
      { in: 'body', name: '~1', pointer: '/~01', detail: '~1 must be a string' },
      { in: 'body', name: 'a/b', pointer: '/a~1b', detail: 'a/b must be a string' },
      {
        in: 'body',
        name: 'home/work.city',
        pointer: '/home~1work/city',
        detail: 'city must be longer than or equal to 2 characters',
      },
      { in: 'body', name: 'm~n', pointer: '/m~0n', detail: 'm~n must be a string' },
    ]);
  });

  it.each([
    { field: 'x/y', pointer: '/x~1y' },
    { field: 'x~y', pointer: '/x~0y' },
    { field: '~/', pointer: '/~0~1' },
    { field: '/', pointer: '/~1' },
  ])('escapes an unknown body field $field as $pointer', async ({ field, pointer }) => {
    const error = await rejection({ family: 'Quinn', [field]: true }, body);
    expect(error.fieldErrors).toStrictEqual([{ in: 'body', name: field, pointer, detail: `${field} is not a known field` }]);
  });

  it('escapes an unknown nested body field under its parent', async () => {
    const error = await rejection({ family: 'Quinn', address: { city: 'Concord', 'care/of': 'Sam' } }, body);
    expect(error.fieldErrors).toStrictEqual([
      { in: 'body', name: 'address.care/of', pointer: '/address/care~1of', detail: 'care/of is not a known field' },
    ]);
  });

  it.each([
    { metadata: body, expected: [{ in: 'body', name: 'first name', pointer: '/first name', detail: 'first name is not a known field' }] },
    { metadata: query, expected: [{ in: 'query', name: 'first name', detail: 'first name is not a known field' }] },
  ])('says an unknown $metadata.type field whose name has a space is not known', async ({ metadata, expected }) => {
    const error = await rejection({ family: 'Quinn', 'first name': 'Avery' }, metadata);
    expect(error.fieldErrors).toStrictEqual(expected);
    expect(error.fieldErrors[0]?.detail).not.toContain('should not exist');
  });

  it('says an unknown field is not known even when its name has several spaces', async () => {
    const error = await rejection({ family: 'Quinn', 'date of  birth ': '1957-03-14' }, query);
    expect(error.fieldErrors).toStrictEqual([{ in: 'query', name: 'date of  birth ', detail: 'date of  birth  is not a known field' }]);
  });

  it('lets values of custom decorators through untouched', async () => {
    const value = { anything: true };
    await expect(pipe.transform(value, { type: 'custom', metatype: PatientInput })).resolves.toBe(value);
  });
});
