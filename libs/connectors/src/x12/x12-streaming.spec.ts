import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { generateLarge835, large835Size } from './examples/large-835.generator';
import { readX12, streamX12 } from './x12-reader';
import type { RemittanceContent } from './loops/835.reader';

/** A full garbage collection before each heap sample, so samples measure what is still referenced. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapUsedMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

describe('streaming a large 835', () => {
  it('the generated file is a valid, balanced 835 (checked in full on a small one)', () => {
    const read = readX12([...generateLarge835({ claims: 1000 })].join(''));
    expect(read.issues).toEqual([]);
    const content = read.interchanges[0].groups[0].transactionSets[0].content as RemittanceContent;
    expect(content.remittance.claimPayments).toHaveLength(1000);
    expect(content.remittance.totalPaid.amount).toBe(8_960_000);
  });

  it('keeps the heap flat, claim by claim, over a 60 MB 835', async () => {
    const claims = 340_000;
    const size = large835Size(claims);
    expect(size).toBeGreaterThan(60 * 1024 * 1024);
    async function* source() {
      for (const chunk of generateLarge835({ claims, claimsPerChunk: 250 })) yield Buffer.from(chunk, 'latin1');
    }
    const samples: number[] = [];
    let claimPayments = 0;
    let paid = 0;
    let errors = 0;
    for await (const event of streamX12(source())) {
      if (event.type === 'claim-payment') {
        claimPayments++;
        paid += event.claimPayment.paid.amount;
        if (claimPayments % 20_000 === 0) samples.push(heapUsedMb());
      } else if (event.type === 'issue' && event.issue.severity === 'error') errors++;
    }
    expect(errors).toBe(0);
    expect(claimPayments).toBe(claims);
    expect(paid).toBe(8_960 * claims);
    // Seventeen samples from 20,000 to 340,000 claims: the heap does not grow with the input read.
    const growth = Math.max(...samples) - Math.min(...samples);
    expect(samples).toHaveLength(17);
    expect(growth, `heap samples (MB): ${samples.map((s) => s.toFixed(1)).join(', ')}`).toBeLessThan(8);
  }, 120_000);
});
