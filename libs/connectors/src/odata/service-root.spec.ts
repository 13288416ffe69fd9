import { describe, expect, it } from 'vitest';
import { ODataException, ODataExceptionCode } from './odata.exception';
import { isWithinServiceRoot, normaliseServiceRoot, resolveNextLink } from './service-root';

const root = 'http://127.0.0.1:4004/sap/opu/odata4/sap/api_product/0001';

describe('resolveNextLink', () => {
  it.each([
    ['A_Product?$skiptoken=2', `${root}/A_Product?$skiptoken=2`],
    ["A_Product('X')/to_Plant?%24skiptoken=4", `${root}/A_Product('X')/to_Plant?%24skiptoken=4`],
    [`${root}/A_Product?$skiptoken=6`, `${root}/A_Product?$skiptoken=6`],
    ['/sap/opu/odata4/sap/api_product/0001/A_Product?$skip=8', `${root}/A_Product?$skip=8`],
  ])('resolves %s under the service root', (link, expected) => {
    expect(resolveNextLink(root, link)).toBe(expected);
  });

  it.each([
    'https://attacker.example/steal?$skiptoken=2',
    '//attacker.example/A_Product',
    'http://127.0.0.1:4005/sap/opu/odata4/sap/api_product/0001/A_Product',
    'https://127.0.0.1:4004/sap/opu/odata4/sap/api_product/0001/A_Product',
    '/sap/opu/odata4/sap/api_business_partner/0001/A_Supplier',
    '../api_business_partner/0001/A_Supplier',
    'A_Product/%2e%2e/%2E%2E/admin',
    'http://user:pw@127.0.0.1:4004/sap/opu/odata4/sap/api_product/0001/A_Product',
    '/sap/opu/odata4/sap/api_product/0001extra/A_Product',
  ])('refuses %s as FOREIGN_NEXT_LINK', (link) => {
    try {
      resolveNextLink(root, link);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ODataException);
      expect((error as ODataException).code).toBe(ODataExceptionCode.FOREIGN_NEXT_LINK);
    }
  });

  it.each([42, '', null])('refuses a link that is not a URL (%j) as INVALID_RESPONSE', (link) => {
    expect(() => resolveNextLink(root, link)).toThrowError(expect.objectContaining({ code: ODataExceptionCode.INVALID_RESPONSE }));
  });
});

describe('service roots', () => {
  it('normalises the trailing slash and refuses credentials, queries and other schemes', () => {
    expect(normaliseServiceRoot(`${root}/`)).toBe(root);
    expect(() => normaliseServiceRoot('ftp://x/y')).toThrow(RangeError);
    expect(() => normaliseServiceRoot('http://u:p@x/y')).toThrow(RangeError);
    expect(() => normaliseServiceRoot('http://x/y?sap-client=100')).toThrow(RangeError);
    expect(() => normaliseServiceRoot('not a url')).toThrow(RangeError);
  });

  it('tells whether a URL lies under the root', () => {
    expect(isWithinServiceRoot(root, `${root}/$batch`)).toBe(true);
    expect(isWithinServiceRoot(root, root)).toBe(true);
    expect(isWithinServiceRoot(root, `${root}/../x`)).toBe(false);
    expect(isWithinServiceRoot(root, 'nonsense')).toBe(false);
  });
});
