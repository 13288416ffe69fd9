import type { FastifyInstance } from 'fastify';
import {
  clearinghouseFolders,
  FolderExchange,
  type InboundFile,
  type PickUpOutcome,
  X12_CONTENT_TYPE,
} from '@concord/connectors/clearinghouse';
import type { AppLogger } from '@concord/platform';
import { RequestMeter } from '../ehr/request-meter';
import { type ClearinghouseSettings, DEFAULT_CLEARINGHOUSE_SETTINGS, SandboxClearinghouse } from './domain/sandbox-clearinghouse';
import { ClearinghouseStore } from './persistence/clearinghouse-store';

export const CLEARINGHOUSE_API_PATH = '/clearinghouse/api/v1';

export interface ClearinghouseSandboxOptions {
  /**
   * Root of the file exchange shared with Concord: the clearinghouse takes files from
   * `<directory>/outbound` and answers into `<directory>/inbound` (named from Concord's side).
   */
  directory: string;
  /** Folder for the clearinghouse's state file; memory only when absent. */
  dataDir?: string;
  settings?: Partial<ClearinghouseSettings>;
  /** How often the drop folder is looked at and due answers released. */
  pollIntervalMs?: number;
  /** Requests per second the real-time endpoint accepts before answering 429 (0: unlimited). */
  quotaPerSecond?: number;
  clock?: () => Date;
}

export interface ClearinghouseSandbox {
  clearinghouse: SandboxClearinghouse;
  /** Takes what is in the drop folder and releases what is due now (or everything, with `all`). */
  run(options?: { all?: boolean }): Promise<{ received: string[]; released: string[] }>;
  meter: RequestMeter;
}

/**
 * Runs the sandbox clearinghouse on the sandbox app: a poller over the drop folder, a release timer
 * for delayed answers, the real-time X12 endpoint (270 → 271, CAQH CORE style) and operator routes.
 */
export function registerClearinghouseSandbox(
  app: FastifyInstance,
  logger: AppLogger,
  options: ClearinghouseSandboxOptions,
): ClearinghouseSandbox {
  const folders = clearinghouseFolders(options.directory);
  // The clearinghouse's side of the exchange: it reads what Concord sends and writes what Concord reads.
  const exchange = new FolderExchange({ inbox: folders.outbound, outbox: folders.inbound });
  const { store, state } = ClearinghouseStore.open(options.dataDir);
  const clock = options.clock ?? (() => new Date());
  const clearinghouse = new SandboxClearinghouse(state, { ...DEFAULT_CLEARINGHOUSE_SETTINGS, ...options.settings }, clock);
  const meter = new RequestMeter(options.quotaPerSecond ?? 0);

  // One change at a time: files received, answers released and the state saved in order.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work);
    tail = next.catch(() => undefined);
    return next;
  };

  const release = async (now: Date): Promise<string[]> => {
    const files = clearinghouse.release(now);
    // Saved before the files go out: a crash in between re-sends nothing (control numbers stay used).
    store.save(clearinghouse.state);
    for (const file of files) await exchange.deliver(file.name, file.content);
    return files.map((file) => file.name);
  };

  const receive = (file: InboundFile): Promise<PickUpOutcome> => {
    const answered = clearinghouse.receive(file.name, file.content);
    store.save(clearinghouse.state);
    if (!answered) logger.warn({ file: file.name }, 'clearinghouse received a file that is not X12');
    return Promise.resolve(answered ? 'processed' : 'failed');
  };

  const run = (runOptions: { all?: boolean } = {}) =>
    serial(async () => {
      const picked = await exchange.pickUp(receive);
      const released = await release(runOptions.all ? new Date(8.64e15) : clock());
      return { received: [...picked.processed, ...picked.failed], released };
    });

  const interval = options.pollIntervalMs ?? 500;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      run()
        .catch((error: unknown) => logger.error({ err: error }, 'clearinghouse run failed'))
        .finally(tick);
    }, interval);
    timer.unref();
  };
  tick();
  app.addHook('onClose', async () => {
    stopped = true;
    clearTimeout(timer);
    await tail.catch(() => undefined);
    store.save(clearinghouse.state);
  });

  app.post(
    '/sandbox/v1/clearinghouse/run',
    { schema: { body: { type: 'object', additionalProperties: false, properties: { all: { type: 'boolean' } } } } },
    (request) => run({ all: (request.body as { all?: boolean } | undefined)?.all === true }),
  );
  app.get('/sandbox/v1/clearinghouse/activity', () =>
    Promise.resolve({
      activity: clearinghouse.state.activity,
      claims: Object.values(clearinghouse.state.claims).map((claim) => ({
        patient_control_number: claim.patientControlNumber,
        payer_id: claim.payerId,
        payer_claim_number: claim.payerClaimNumber,
        status: claim.payment.statusCode,
        paid: claim.payment.paid.amount,
        reversed_by: claim.reversedBy ?? null,
      })),
      pending: { files: clearinghouse.state.outbox.length, payments: clearinghouse.state.payments.length },
    }),
  );

  void app.register(
    (scope: FastifyInstance, _opts, done) => {
      scope.addContentTypeParser(X12_CONTENT_TYPE, { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, (_request, body, parsed) =>
        parsed(null, body),
      );
      scope.post('/realtime', (request, reply) => {
        const admission = meter.admit();
        if (!admission.allowed)
          return reply.status(429).header('retry-after', String(admission.retryAfterSeconds)).send({ error: 'quota exceeded' });
        if (typeof request.body !== 'string') return reply.status(415).send({ error: `send ${X12_CONTENT_TYPE}` });
        let answer: string | undefined;
        try {
          answer = clearinghouse.answerRealtime(request.body);
        } catch (error) {
          logger.warn({ err: error }, 'clearinghouse could not answer a real-time inquiry');
          return reply.status(422).send({ error: 'the inquiry could not be answered' });
        }
        store.save(clearinghouse.state);
        if (answer === undefined) return reply.status(400).send({ error: 'the body is not an X12 interchange' });
        return reply.status(200).header('content-type', X12_CONTENT_TYPE).send(answer);
      });
      done();
    },
    { prefix: CLEARINGHOUSE_API_PATH },
  );

  return { clearinghouse, run, meter };
}
