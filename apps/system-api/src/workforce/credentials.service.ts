import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WorkforcePort } from '@concord/connectors/workforce';
import { type CredentialDto, type CredentialQueryDto, WORKFORCE_CREDENTIAL_EXPIRING } from '@concord/contracts';
import { APP_LOGGER, type AppLogger } from '@concord/platform';
import { announce, CoreSystemEvents } from '../erp/erp-events.publisher';
import { SystemApiConfig } from '../system-api.config';
import type { CredentialCheckResultDto } from './dto/workforce.dto';
import { hrCall, WorkforceException, WorkforceExceptionCode } from './workforce.exception';

const DAY_MS = 86_400_000;
const FIRST_CHECK_DELAY_MS = 10_000;

/**
 * Licences and certifications, and the daily check (WORKFORCE_EXPIRY_CHECK_INTERVAL_MS) that
 * announces each one expiring within WORKFORCE_CREDENTIAL_WARNING_DAYS as workforce.credential.expiring.v1:
 * once per credential and expiry date, however often (or on however many instances) the check runs.
 */
@Injectable()
export class CredentialsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly workforce: WorkforcePort,
    private readonly events: CoreSystemEvents,
    private readonly config: SystemApiConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.WORKFORCE_EXPIRY_CHECK_INTERVAL_MS;
    if (interval <= 0 || !this.workforce.capabilities.credentials) return;
    const run = () => {
      this.check().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'credential expiry check failed; it runs again at the next interval'),
      );
    };
    this.timers = [setTimeout(run, Math.min(FIRST_CHECK_DELAY_MS, interval)), setInterval(run, interval)];
    for (const timer of this.timers) timer.unref();
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  list(query: CredentialQueryDto): Promise<CredentialDto[]> {
    return hrCall(() => this.workforce.listCredentials(query));
  }

  /** Announces the credentials expiring within the warning window as of `asOf` (today by default). */
  async check(asOf = new Date().toISOString().slice(0, 10)): Promise<CredentialCheckResultDto> {
    if (!this.workforce.capabilities.credentials)
      throw new WorkforceException(WorkforceExceptionCode.NOT_SUPPORTED, 'The configured HR adapter carries no credentials');
    const withinDays = this.config.WORKFORCE_CREDENTIAL_WARNING_DAYS;
    const [credentials, employees] = await Promise.all([
      hrCall(() => this.workforce.listCredentials({ expiringWithinDays: withinDays, asOf })),
      hrCall(() => this.workforce.listEmployees()),
    ]);
    const numbers = new Map(employees.map((employee) => [employee.id, employee.employeeNumber]));
    const today = Date.parse(`${asOf}T00:00:00Z`);
    for (const credential of credentials) {
      await this.events.publish(`credential-expiring|${credential.id}|${credential.expiresOn}`, [
        announce(
          WORKFORCE_CREDENTIAL_EXPIRING,
          {
            credentialId: credential.id,
            employeeId: credential.employeeId,
            employeeNumber: numbers.get(credential.employeeId),
            type: credential.type,
            expiresOn: credential.expiresOn,
            daysUntilExpiry: Math.round((Date.parse(`${credential.expiresOn}T00:00:00Z`) - today) / DAY_MS),
            checkedOn: asOf,
          },
          `Employee/${credential.employeeId}`,
        ),
      ]);
    }
    return { checkedOn: asOf, withinDays, expiring: credentials.length };
  }
}
