import { describe, expect, it } from 'vitest';
import { responseOnlyPointers } from './response-only-schemas';

describe('response-only parts of an OpenAPI document', () => {
  it('exempts schemas no request reaches and array responses, never an input schema or what it references', () => {
    const document = {
      paths: {
        '/v1/things/{id}': {
          parameters: [{ name: 'id', in: 'path', schema: { $ref: '#/components/schemas/Id' } }],
          get: { responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } },
          post: {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/NewThing' } } } },
            responses: {
              200: { content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } } } },
            },
          },
        },
      },
      components: {
        schemas: {
          Id: { type: 'string' },
          Thing: { type: 'object', properties: { money: { $ref: '#/components/schemas/Money' } } },
          NewThing: { type: 'object', properties: { money: { $ref: '#/components/schemas/Money' } } },
          Money: { type: 'object' },
        },
      },
    };
    expect(responseOnlyPointers(document)).toEqual(['#/paths/~1v1~1things~1{id}/post/responses/200', '#/components/schemas/Thing']);
  });
});
