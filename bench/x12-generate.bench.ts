import type { ClaimDto } from '@concord/contracts';
import { DEMO_837_OPTIONS, SCENARIO_1_CLAIM, SCENARIO_2_CLAIM } from '../libs/connectors/src/x12/examples/demo-hospital.examples';
import { write837Institutional, write837Professional } from '../libs/connectors/src/x12';

/**
 * 837 generation throughput on one core: scenario 2's 837P and scenario 1's 837I claims, each with its
 * own patient control number, written in interchanges of 1,000 claims (HL hierarchy, SE counts and
 * all), for a few seconds per kind after a warm-up.
 *
 *   npm run build && npx tsc -p bench/x12-tsconfig.json && npx tsc-alias -p bench/x12-tsconfig.json
 *   node dist/bench/x12-generate.bench.js [seconds]
 */
const seconds = Number(process.argv[2] ?? 5);
const BATCH = 1000;

function batch(template: ClaimDto, round: number): ClaimDto[] {
  return Array.from({ length: BATCH }, (_, i) => ({
    ...template,
    id: `${template.id}-${round}-${i}`,
    patientControlNumber: `PCN${round}-${i}`,
  }));
}

function measure(kind: string, write: (claims: ClaimDto[], round: number) => string, template: ClaimDto): void {
  const batches = Array.from({ length: 20 }, (_, round) => batch(template, round));
  for (let i = 0; i < 20; i++) write(batches[i % batches.length], i); // warm-up
  let claims = 0;
  let bytes = 0;
  let round = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < seconds) {
    bytes += write(batches[round % batches.length], round).length;
    claims += BATCH;
    round++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const usage = process.cpuUsage(cpuStart);
  const cpu = (usage.user + usage.system) / 1e6;
  process.stdout.write(
    `${kind}: ${claims.toLocaleString('en-US')} claims; wall ${elapsed.toFixed(2)} s = ${Math.round(claims / elapsed).toLocaleString('en-US')} claims/s; CPU ${cpu.toFixed(2)} s = ${Math.round(claims / cpu).toLocaleString('en-US')} claims/s (${(bytes / 1024 / 1024 / cpu).toFixed(1)} MB/s of X12)\n`,
  );
}

measure(
  '837P (scenario 2, 1 line)',
  (claims, round) => write837Professional(claims, { ...DEMO_837_OPTIONS, interchangeControlNumber: round + 1 }),
  SCENARIO_2_CLAIM,
);
measure(
  '837I (scenario 1, 5 lines)',
  (claims, round) => write837Institutional(claims, { ...DEMO_837_OPTIONS, interchangeControlNumber: round + 1 }),
  SCENARIO_1_CLAIM,
);
