import { describe, expect, it } from 'vitest';
import { boundaryOf, readMultipartBatch, writeMultipartBatch } from './batch-multipart';
import { ODataException } from './odata.exception';

describe('multipart $batch', () => {
  it('writes reads as parts and change sets as nested multiparts with Content-IDs', () => {
    const body = writeMultipartBatch(
      [
        { id: 'r1', method: 'GET', url: "A_Supplier('17300001')", headers: { accept: 'application/json' } },
        {
          id: 'r2',
          method: 'POST',
          url: 'A_JournalEntry',
          headers: { 'content-type': 'application/json' },
          body: { a: 1 },
          atomicityGroup: 'g1',
        },
        { id: 'r3', method: 'DELETE', url: "A_X('1')", headers: {}, atomicityGroup: 'g1' },
      ],
      'b1',
    );
    expect(body.split('\r\n')).toEqual([
      '--b1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      "GET A_Supplier('17300001') HTTP/1.1",
      'accept: application/json',
      '',
      '',
      '--b1',
      'Content-Type: multipart/mixed; boundary=changeset_b1_g1',
      '',
      '--changeset_b1_g1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: r2',
      '',
      'POST A_JournalEntry HTTP/1.1',
      'content-type: application/json',
      '',
      '{"a":1}',
      '--changeset_b1_g1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: r3',
      '',
      "DELETE A_X('1') HTTP/1.1",
      '',
      '',
      '--changeset_b1_g1--',
      '',
      '--b1--',
      '',
    ]);
  });

  it('reads single parts, change sets and a failed change set', () => {
    const response = [
      '--resp',
      'content-type: application/http',
      '',
      'HTTP/1.1 200 OK',
      'content-type: application/json',
      '',
      '{"Supplier":"17300001"}',
      '--resp',
      'content-type: multipart/mixed;boundary=cs',
      '',
      '--cs',
      'content-type: application/http',
      'content-id: r2',
      '',
      'HTTP/1.1 201 Created',
      'etag: W/"abc"',
      '',
      '{"AccountingDocument":"0100000001"}',
      '--cs--',
      '--resp',
      'content-type: application/http',
      '',
      'HTTP/1.1 400 Bad Request',
      '',
      '{"error":{"code":"F5/702","message":"unbalanced"}}',
      '--resp--',
    ].join('\r\n');
    const slots = readMultipartBatch(response, 'resp');
    expect(slots).toEqual([
      {
        kind: 'single',
        answer: { status: 200, headers: { 'content-type': 'application/json' }, body: { Supplier: '17300001' }, id: undefined },
      },
      { kind: 'changeSet', answers: [{ status: 201, headers: { etag: 'W/"abc"' }, body: { AccountingDocument: '0100000001' }, id: 'r2' }] },
      { kind: 'single', answer: { status: 400, headers: {}, body: { error: { code: 'F5/702', message: 'unbalanced' } }, id: undefined } },
    ]);
  });

  it('refuses a truncated body and a part without a status line', () => {
    expect(() => readMultipartBatch('--resp\r\ncontent-type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n', 'resp')).toThrow(ODataException);
    expect(() => readMultipartBatch('--resp\r\ncontent-type: application/http\r\n\r\n<html>\r\n--resp--', 'resp')).toThrow(ODataException);
  });

  it('reads boundaries, quoted or not', () => {
    expect(boundaryOf('multipart/mixed; boundary=batch_1')).toBe('batch_1');
    expect(boundaryOf('multipart/mixed; boundary="a b"; charset=x')).toBe('a b');
    expect(boundaryOf('application/json')).toBeUndefined();
  });
});
