import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { RequireScopes } from '@concord/platform';
import { type Connection, ConnectionArgs } from '../graphql/connection';
import type { GraphqlContext } from '../graphql/request-loaders';
import { Patient } from '../patients/patient.model';
import {
  Approval,
  ApprovalConnection,
  ApprovalsArgs,
  ApproveEditArgs,
  DecisionArgs,
  EditAndReplayArgs,
  ExceptionEdit,
  ExceptionsArgs,
  Flow,
  FlowConnection,
  FlowException,
  FlowExceptionConnection,
  FlowsArgs,
  IdArgs,
  PatientJourney,
} from './operations.models';
import { OperationsGraphService } from './operations-graph.service';
import { ExperienceApiConfig } from '../experience-api.config';
import { requestContextOf } from '../graphql/subscription-context';

/** The operations console: flows, the exception work queue, approvals and SLA breaches, and the operator actions. */
@Resolver(() => Flow)
export class OperationsResolver {
  constructor(
    private readonly operations: OperationsGraphService,
    private readonly config: ExperienceApiConfig,
  ) {}

  @Subscription(() => Flow, {
    description: 'The flow now and on every status or step change, until it is final (graphql-ws; token in connectionParams.authorization)',
    resolve: (flow: Flow) => flow,
  })
  @RequireScopes('process/Flow.r')
  flowStatusChanged(@Args() args: IdArgs, @Context() context: GraphqlContext): AsyncGenerator<Flow> {
    return this.operations.watchFlow(args.id, requestContextOf(context), this.config.GRAPHQL_SUBSCRIPTION_POLL_MS);
  }

  @Query(() => FlowConnection, { nullable: true, description: 'Flow instances by type, status or business key' })
  @RequireScopes('process/Flow.s')
  flows(@Args() args: FlowsArgs): Promise<Connection<Flow>> {
    return this.operations.flows(args);
  }

  @Query(() => Flow, { nullable: true })
  @RequireScopes('process/Flow.r')
  flow(@Args() args: IdArgs): Promise<Flow> {
    return this.operations.flow(args.id);
  }

  @Query(() => FlowExceptionConnection, { nullable: true, description: 'The exception work queue' })
  @RequireScopes('process/Exception.s')
  flowExceptions(@Args() args: ExceptionsArgs): Promise<Connection<FlowException>> {
    return this.operations.exceptions(args);
  }

  @Query(() => FlowExceptionConnection, { nullable: true, description: 'Open SLA breaches, fewest days left first' })
  @RequireScopes('process/Exception.s')
  slaBreaches(@Args() args: ConnectionArgs): Promise<Connection<FlowException>> {
    return this.operations.slaBreaches(args);
  }

  @Query(() => ApprovalConnection, { nullable: true, description: 'Decisions flows wait for' })
  @RequireScopes('process/Approval.rs')
  approvals(@Args() args: ApprovalsArgs): Promise<Connection<Approval>> {
    return this.operations.approvals(args);
  }

  @Mutation(() => FlowException, { description: 'Runs the failed step again' })
  @RequireScopes('process/Exception.u')
  retryException(@Args() args: DecisionArgs): Promise<FlowException> {
    return this.operations.retry(args.id, args.comment);
  }

  @Mutation(() => FlowException, { description: 'Moves the flow past the failed step' })
  @RequireScopes('process/Exception.u')
  skipException(@Args() args: DecisionArgs): Promise<FlowException> {
    return this.operations.skip(args.id, args.comment);
  }

  @Mutation(() => ExceptionEdit, { description: 'Proposes a corrected step input; it replays once another operator approves it' })
  @RequireScopes('process/Exception.u')
  editAndReplay(@Args() args: EditAndReplayArgs): Promise<ExceptionEdit> {
    return this.operations.proposeEdit(args.id, args.patch, args.reason);
  }

  @Mutation(() => ExceptionEdit, { description: 'Second pair of eyes: approves a proposed edit, which replays the step' })
  @RequireScopes('process/Exception.u')
  approveExceptionEdit(@Args() args: ApproveEditArgs): Promise<ExceptionEdit> {
    return this.operations.approveEdit(args.id, args.editId, args.comment);
  }

  @Mutation(() => Approval)
  @RequireScopes('process/Approval.rs')
  approve(@Args() args: DecisionArgs): Promise<Approval> {
    return this.operations.decideApproval(args.id, 'approve', args.comment);
  }

  @Mutation(() => Approval)
  @RequireScopes('process/Approval.rs')
  reject(@Args() args: DecisionArgs): Promise<Approval> {
    return this.operations.decideApproval(args.id, 'reject', args.comment);
  }
}

@Resolver(() => Patient)
export class PatientJourneyResolver {
  constructor(private readonly operations: OperationsGraphService) {}

  @ResolveField(() => PatientJourney, { nullable: true, description: 'The flows this patient went through, across systems' })
  @RequireScopes('system/Patient.r', 'process/Flow.r')
  journey(@Parent() patient: Patient): Promise<PatientJourney> {
    return this.operations.journey(patient.id);
  }
}
