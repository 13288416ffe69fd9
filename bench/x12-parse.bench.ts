import { generateLarge835 } from '../libs/connectors/src/x12/examples/large-835.generator';
import { readX12, streamX12 } from '../libs/connectors/src/x12';

/**
 * 835 parsing throughput on one core: a generated, balanced 835 of about 100 MB (scenario 2's claim
 * payment repeated), read (1) streamed in 64 KB chunks, claim payments handed out one by one, and
 * (2) at once into a RemittanceDto with every claim payment kept. Full SNIP 1–3 validation runs in both.
 *
 *   npm run build && npx tsc -p bench/x12-tsconfig.json && npx tsc-alias -p bench/x12-tsconfig.json
 *   node dist/bench/x12-parse.bench.js [claims]
 */
const claims = Number(process.argv[2] ?? 530_000);
const CHUNK = 64 * 1024;

/** CPU time of this process (user + system): on a shared machine it measures our work, not our wait. */
function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

async function main(): Promise<void> {
  const input = Buffer.from([...generateLarge835({ claims, claimsPerChunk: 1000 })].join(''), 'latin1');
  const size = input.length;
  process.stdout.write(`835: ${claims.toLocaleString('en-US')} claim payments, ${megabytes(size)} MB\n`);

  function* chunks(): Generator<Buffer> {
    for (let at = 0; at < size; at += CHUNK) yield input.subarray(at, at + CHUNK);
  }

  for (let round = 1; round <= 3; round++) {
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    let read = 0;
    let errors = 0;
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    for await (const event of streamX12(chunks())) {
      if (event.type === 'claim-payment' && ++read % 50_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      else if (event.type === 'issue' && event.issue.severity === 'error') errors++;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = cpuSeconds(process.cpuUsage(cpuStart));
    if (read !== claims || errors !== 0) throw new Error(`streamed ${read} claim payments with ${errors} errors`);
    process.stdout.write(
      `  streamed, round ${round}: wall ${seconds.toFixed(2)} s = ${(size / 1024 / 1024 / seconds).toFixed(1)} MB/s; CPU ${cpu.toFixed(2)} s = ${(size / 1024 / 1024 / cpu).toFixed(1)} MB/s, ${Math.round(read / cpu).toLocaleString('en-US')} claim payments/s; heap growth ≤ ${megabytes(peak - heapBefore)} MB\n`,
    );
  }

  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const result = readX12(input);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = cpuSeconds(process.cpuUsage(cpuStart));
  if (!result.valid) throw new Error('whole read found errors');
  process.stdout.write(
    `  read at once (all kept): wall ${seconds.toFixed(2)} s = ${(size / 1024 / 1024 / seconds).toFixed(1)} MB/s; CPU ${cpu.toFixed(2)} s = ${(size / 1024 / 1024 / cpu).toFixed(1)} MB/s; heap ${megabytes(process.memoryUsage().heapUsed)} MB\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
