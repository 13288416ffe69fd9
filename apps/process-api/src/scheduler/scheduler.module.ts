import { Module } from '@nestjs/common';
import { FlowScheduler } from './flow-scheduler.service';

/** Time-triggered flows (FLOW_SCHEDULES); the engine module (global) gives it the registry, store and runner. */
@Module({ providers: [FlowScheduler], exports: [FlowScheduler] })
export class SchedulerModule {}
