import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireScopes } from '@concord/platform';
import { type Connection, ConnectionArgs } from '../graphql/connection';
import type { RequestLoaders } from '../graphql/request-loaders';
import {
  Credential,
  CredentialConnection,
  ExpiringCredentialsArgs,
  Position,
  PositionConnection,
  Staff,
  StaffArgs,
  StaffConnection,
} from './workforce.models';
import { WorkforceGraphService } from './workforce-graph.service';

@Resolver(() => Staff)
export class WorkforceResolver {
  constructor(private readonly workforce: WorkforceGraphService) {}

  @Query(() => StaffConnection, { nullable: true, description: 'Staff by status or cost centre' })
  @RequireScopes('workforce/Employee.s')
  staff(@Args() args: StaffArgs): Promise<Connection<Staff>> {
    return this.workforce.staff(args);
  }

  @Query(() => PositionConnection, { nullable: true })
  @RequireScopes('workforce/Position.s')
  positions(@Args() args: ConnectionArgs, @Context('loaders') loaders: RequestLoaders): Promise<Connection<Position>> {
    return this.workforce.positions(loaders, args);
  }

  @Query(() => CredentialConnection, {
    nullable: true,
    description: 'Licences and certifications expiring soon (or already expired), soonest first',
  })
  @RequireScopes('workforce/Credential.s')
  expiringCredentials(@Args() args: ExpiringCredentialsArgs): Promise<Connection<Credential>> {
    return this.workforce.expiringCredentials(args);
  }

  @ResolveField(() => Position, { nullable: true })
  @RequireScopes('workforce/Position.s')
  position(@Parent() staff: Staff, @Context('loaders') loaders: RequestLoaders): Promise<Position | null> {
    return this.workforce.positionOf(loaders, staff.positionId);
  }

  @ResolveField(() => [Credential], { nullable: true })
  @RequireScopes('workforce/Credential.s')
  credentials(@Parent() staff: Staff, @Context('loaders') loaders: RequestLoaders): Promise<Credential[]> {
    return this.workforce.credentialsOf(loaders, staff.id);
  }
}
