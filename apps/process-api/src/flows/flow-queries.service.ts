import { Injectable } from '@nestjs/common';
import { type FlowStatus } from '../engine/entities/flow-instance.entity';
import type { FlowDetailDto, FlowPageDto, FlowQueryDto, FlowSummaryDto, FlowTypeDto, JourneyDto } from '../engine/dto/flow.dto';
import { decodeOffset, encodeOffset, FlowPresenter } from '../engine/flow-presenter';
import { FlowRegistry } from '../engine/flow-registry';
import { FlowCatalog } from './flow-catalog.service';

/** Maps flow queries between the REST DTOs and the catalog. */
@Injectable()
export class FlowQueries {
  constructor(
    private readonly catalog: FlowCatalog,
    private readonly registry: FlowRegistry,
    private readonly present: FlowPresenter,
  ) {}

  types(): FlowTypeDto[] {
    return this.registry.types().map((definition) => ({
      type: definition.type,
      version: definition.version,
      title: definition.title,
      steps: definition.steps.map((step) => step.name),
      triggers: (definition.triggers ?? []).map((trigger) => trigger.eventType),
      manualStart: definition.manualStart !== undefined,
    }));
  }

  async list(query: FlowQueryDto): Promise<FlowPageDto> {
    const limit = query.limit ?? 50;
    const offset = decodeOffset(query.cursor);
    const separator = query.key?.indexOf(':') ?? -1;
    const { items, keys, total } = await this.catalog.list({
      type: query.type,
      status: query.status as FlowStatus | undefined,
      ...(query.key ? { key: { name: query.key.slice(0, separator), value: query.key.slice(separator + 1) } } : {}),
      from: query.from,
      to: query.to,
      limit,
      offset,
    });
    return {
      items: items.map((flow) => this.present.summary(flow, keys.get(flow.id))),
      total,
      ...(offset + items.length < total ? { nextCursor: encodeOffset(offset + items.length) } : {}),
    };
  }

  async detail(id: string): Promise<FlowDetailDto> {
    const { flow, keys, steps, approvals, exceptions } = await this.catalog.timeline(id);
    return {
      ...this.present.summary(flow, keys),
      state: this.present.data(flow.state),
      links: keys.filter((key) => key.role === 'link').map((key) => this.present.key(key)),
      timeline: steps.map((step) => this.present.step(step)),
      approvals: approvals.map((approval) => this.present.approval(approval)),
      exceptions: exceptions.map((exception) => this.present.exception(exception)),
    };
  }

  async start(type: string, input: Record<string, unknown>, key: string): Promise<FlowSummaryDto> {
    return this.present.summary(await this.catalog.start(type, input, key));
  }

  async journey(patient: string): Promise<JourneyDto> {
    const { flows, keys, steps } = await this.catalog.journey(patient);
    return {
      patient,
      flows: flows.map((flow) => ({
        id: flow.id,
        type: flow.type,
        status: flow.status,
        startedAt: flow.startedAt,
        ...(flow.completedAt ? { completedAt: flow.completedAt } : {}),
        businessKeys: (keys.get(flow.id) ?? []).filter((key) => key.role === 'business').map((key) => this.present.key(key)),
        links: (keys.get(flow.id) ?? []).filter((key) => key.role === 'link').map((key) => this.present.key(key)),
        steps: (steps.get(flow.id) ?? []).map((step) => ({ ...this.present.step(step), input: undefined, output: undefined })),
      })),
    };
  }
}
