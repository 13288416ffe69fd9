import { Inject, Injectable } from '@nestjs/common';
import { type SystemApiComponents, unwrap } from '@concord/clients';
import { type Connection, connectionFromArray, connectionFromUpstream, type ConnectionArgs } from '../graphql/connection';
import { groupByKeys, type RequestLoaders } from '../graphql/request-loaders';
import { SYSTEM_API, type SystemApiClient } from '../system-api.provider';
import type { Credential, CredentialType, EmployeeStatus, ExpiringCredentialsArgs, Position, Staff, StaffArgs } from './workforce.models';

type Schemas = SystemApiComponents['schemas'];

/** Staff, positions and credentials from system-api's workforce routes. */
@Injectable()
export class WorkforceGraphService {
  constructor(@Inject(SYSTEM_API) private readonly systemApi: SystemApiClient) {}

  staff(args: StaffArgs): Promise<Connection<Staff>> {
    return connectionFromUpstream(args, async (cursor, limit) => {
      const page = await unwrap(
        'system-api',
        this.systemApi.GET('/workforce/v1/employees', {
          params: { query: { status: args.status, costCentre: args.costCentre, limit, cursor } },
        }),
      );
      return { items: page.items.map(toStaff), nextCursor: page.nextCursor };
    });
  }

  async positions(loaders: RequestLoaders, args: ConnectionArgs): Promise<Connection<Position>> {
    return connectionFromArray(await this.allPositions(loaders), args);
  }

  async positionOf(loaders: RequestLoaders, positionId: string): Promise<Position | null> {
    return (await this.allPositions(loaders)).find((position) => position.id === positionId) ?? null;
  }

  /** Credentials expiring within `withinDays` (including those already expired), soonest first. */
  async expiringCredentials(args: ExpiringCredentialsArgs): Promise<Connection<Credential>> {
    const list = await unwrap(
      'system-api',
      this.systemApi.GET('/workforce/v1/credentials', { params: { query: { expiringWithinDays: args.withinDays, type: args.type } } }),
    );
    return connectionFromArray(
      list.items.map(toCredential).sort((a, b) => a.expiresOn.localeCompare(b.expiresOn)),
      args,
    );
  }

  credentialsOf(loaders: RequestLoaders, employeeId: string): Promise<Credential[]> {
    return loaders
      .get<string, Credential[]>('workforce.credentialsByEmployee', async (employeeIds) => {
        // One call for the whole page of staff: the credential list is small and unpaged upstream.
        const list = await unwrap('system-api', this.systemApi.GET('/workforce/v1/credentials', {}));
        return groupByKeys(employeeIds, list.items.map(toCredential), (credential) => credential.employeeId);
      })
      .load(employeeId);
  }

  private allPositions(loaders: RequestLoaders): Promise<Position[]> {
    return loaders
      .get<'all', Position[]>('workforce.positions', async (keys) => {
        const positions = await unwrap('system-api', this.systemApi.GET('/workforce/v1/positions', {}));
        return keys.map(() =>
          positions.map((p) => ({
            id: p.id,
            title: p.title,
            costCentre: p.costCentre,
            jobCode: p.jobCode ?? null,
            requiredCredentialTypes: p.requiredCredentialTypes,
          })),
        );
      })
      .load('all');
  }
}

function toStaff(dto: Schemas['EmployeeDto']): Staff {
  return {
    id: dto.id,
    employeeNumber: dto.employeeNumber,
    familyName: dto.name.family,
    givenName: dto.name.given,
    status: dto.status as EmployeeStatus,
    costCentre: dto.costCentre,
    positionId: dto.positionId,
    positionTitle: dto.positionTitle ?? null,
    hireDate: dto.hireDate,
  };
}

function toCredential(dto: Schemas['CredentialDto']): Credential {
  return {
    id: dto.id,
    employeeId: dto.employeeId,
    type: dto.type as CredentialType,
    issuer: dto.issuer,
    licenceNumber: dto.licenceNumber,
    expiresOn: dto.expiresOn,
  };
}
