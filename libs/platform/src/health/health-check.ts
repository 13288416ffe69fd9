import { propagationHeaders } from '../context/request-context';

/** One dependency the readiness probe checks: throw (or reject) when it cannot serve. */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<void>;
}

/** Checks that the layer or core system below answers its liveness URL in time. */
export class HttpDependencyCheck implements HealthCheck {
  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly timeoutMs = 2_000,
  ) {}

  async check(): Promise<void> {
    const response = await fetch(this.url, { headers: propagationHeaders(), signal: AbortSignal.timeout(this.timeoutMs) });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`${this.url} answered ${response.status}`);
  }
}
