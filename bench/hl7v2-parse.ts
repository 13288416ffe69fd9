/**
 * HL7 v2 engine benchmark: parse, parse + map, parse + map + ACK on one core, node-hl7-client's parser for
 * comparison, then MLLP round trips per second against an MllpServer in a separate process whose in-memory
 * handler parses, maps and acknowledges each message (readInboundHl7: no storage).
 *
 *   npm run bench:hl7v2 -- [seconds per measurement, default 3]
 *
 * The script forks itself (`server` argument) so that the server and the clients each get a process; on a 2-core
 * machine they share the two cores, as system-api and the EHR's interface engine would.
 */
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Message } from 'node-hl7-client';
import { MllpClient, MllpServer, mapHl7ToClinicalChange, parseHl7, readInboundHl7 } from '@concord/connectors/hl7v2';
import { AVERY_A01, AVERY_A03, AVERY_DFT, JORDAN_A04, JORDAN_DFT_VISIT } from '../libs/connectors/src/hl7v2/demo-hospital.fixture';

/* eslint-disable no-console -- a command-line benchmark reports on stdout */

const seconds = Number(process.argv.find((a) => /^\d+(\.\d+)?$/.test(a)) ?? 3);
const MESSAGES = [AVERY_A01, AVERY_DFT, AVERY_A03, JORDAN_A04, JORDAN_DFT_VISIT];
const READS: [string, number, number][] = [
  ['MSH', 9, 1],
  ['MSH', 9, 2],
  ['MSH', 10, 1],
  ['EVN', 2, 1],
  ['PID', 3, 1],
  ['PID', 5, 1],
  ['PID', 5, 2],
  ['PID', 7, 1],
  ['PV1', 3, 1],
  ['PV1', 19, 1],
];
const averageBytes = Math.round(MESSAGES.reduce((n, m) => n + Buffer.byteLength(m), 0) / MESSAGES.length);

function throughput(name: string, work: (text: string) => unknown): void {
  const frames = MESSAGES.map((m) => Buffer.from(m));
  for (let i = 0; i < 20_000; i++) work(MESSAGES[i % MESSAGES.length]); // warm up the JIT
  let count = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 1000; i++) work(i % 2 ? MESSAGES[i % MESSAGES.length] : (frames[i % frames.length] as unknown as string));
    count += 1000;
  }
  const rate = count / ((performance.now() - started) / 1000);
  console.log(`| ${name} | ${Math.round(rate).toLocaleString('en-US')} | ${((rate * averageBytes) / 1e6).toFixed(1)} |`);
}

async function roundTrips(port: number, clients: number, inFlight: number): Promise<void> {
  const senders = Array.from(
    { length: clients },
    () => new MllpClient({ host: '127.0.0.1', port, maxInFlight: inFlight, ackTimeoutMs: 10_000 }),
  );
  await Promise.all(senders.map((c) => c.connect()));
  const latencies: number[] = [];
  let sent = 0;
  let failed = 0;
  const until = performance.now() + seconds * 1000;
  const lane = async (client: MllpClient, id: string) => {
    for (let seq = 0; performance.now() < until; seq++) {
      const text = MESSAGES[seq % MESSAGES.length].replace(/\|(CG|CR)-(ADT|DFT)-\d+\|/, `|B${id}-${seq}|`);
      const started = performance.now();
      const ack = await client.send(text);
      latencies.push(performance.now() - started);
      if (ack.get('MSA', 1) === 'AA') sent++;
      else failed++;
    }
  };
  const started = performance.now();
  await Promise.all(senders.flatMap((c, i) => Array.from({ length: inFlight }, (_, lane_) => lane(c, `${i}.${lane_}`))));
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(senders.map((c) => c.close()));
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
  console.log(`| ${clients} | ${inFlight} | ${Math.round(sent / elapsed).toLocaleString('en-US')} | ${p(0.5)} | ${p(0.99)} | ${failed} |`);
}

async function serve(): Promise<void> {
  const server = new MllpServer({ handler: (frame) => Promise.resolve(readInboundHl7(frame).ack), maxQueuedFrames: 256 });
  const port = await server.listen();
  process.send?.({ port });
  process.on('message', () => void server.close().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${seconds} s per measurement, demo messages of ${averageBytes} bytes on average\n`);
  console.log('| one core | messages/s | MB/s |\n| --- | ---: | ---: |');
  throughput('parse', (text) => parseHl7(text));
  throughput('parse + serialise', (text) => parseHl7(text).toString());
  throughput('parse + map', (text) => mapHl7ToClinicalChange(parseHl7(text)));
  throughput('parse + map + ACK (readInboundHl7)', (text) => readInboundHl7(text));
  // node-hl7-client splits lazily, on first access: compare both parsers reading the same ten values.
  throughput('parse + read 10 values', (text) => {
    const m = parseHl7(text);
    return READS.map(([segment, field, component]) => m.get(segment, field, { component }));
  });
  throughput('node-hl7-client 3.2: parse + read 10 values (for comparison)', (text) => {
    const m = new Message({ text: String(text) });
    return READS.map(([segment, field, component]) => m.get(`${segment}.${field}.${component}`).toString());
  });

  const child = fork(__filename, ['server'], { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  console.log(
    '\n| MLLP clients | in flight each | round trips/s | p50 ms | p99 ms | not AA |\n| ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const [clients, inFlight] of [
    [1, 1],
    [4, 1],
    [16, 1],
    [64, 1],
    [4, 8],
  ]) {
    await roundTrips(port, clients, inFlight);
  }
  child.send('stop');
  await new Promise((resolve) => child.once('exit', resolve));
}

(process.argv.includes('server') ? serve() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
