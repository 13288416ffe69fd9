import { Inject, Injectable, Optional } from '@nestjs/common';
import type { FlowDefinition, FlowStep } from './flow-definition';
import { EngineException, EngineExceptionCode } from './engine.exception';

/** Multi-provider token: each flow module provides its definitions (every version still running). */
export const FLOW_DEFINITIONS = Symbol('concord:flow-definitions');

type AnyDefinition = FlowDefinition<object>;

/** Every flow definition of this process-api, by type and version. */
@Injectable()
export class FlowRegistry {
  private readonly byKey = new Map<string, AnyDefinition>();
  private readonly latest = new Map<string, AnyDefinition>();

  constructor(@Optional() @Inject(FLOW_DEFINITIONS) definitions: AnyDefinition[][] | AnyDefinition[] = []) {
    for (const definition of definitions.flat()) this.register(definition);
  }

  register(definition: AnyDefinition): void {
    const key = `${definition.type}@${definition.version}`;
    if (this.byKey.has(key)) throw new Error(`Flow ${key} is registered twice`);
    if (!definition.steps.length) throw new Error(`Flow ${key} has no steps`);
    const names = new Set<string>();
    for (const step of definition.steps) {
      if (names.has(step.name)) throw new Error(`Flow ${key} has two steps named ${step.name}`);
      names.add(step.name);
    }
    this.byKey.set(key, definition);
    const current = this.latest.get(definition.type);
    if (!current || current.version < definition.version) this.latest.set(definition.type, definition);
  }

  /** The definition an instance runs on (its own version). */
  get(type: string, version: number): AnyDefinition {
    const definition = this.byKey.get(`${type}@${version}`);
    if (!definition) throw new EngineException(EngineExceptionCode.FLOW_TYPE_UNKNOWN, `No flow ${type} version ${version}`);
    return definition;
  }

  /** The version new instances start on. */
  current(type: string): AnyDefinition {
    const definition = this.latest.get(type);
    if (!definition) throw new EngineException(EngineExceptionCode.FLOW_TYPE_UNKNOWN, `No flow type ${type}`);
    return definition;
  }

  types(): AnyDefinition[] {
    return [...this.latest.values()].sort((a, b) => a.type.localeCompare(b.type));
  }

  all(): AnyDefinition[] {
    return [...this.byKey.values()];
  }

  step(definition: AnyDefinition, name: string): FlowStep<object> {
    const step = definition.steps.find((candidate) => candidate.name === name);
    if (!step)
      throw new EngineException(EngineExceptionCode.STEP_UNKNOWN, `Flow ${definition.type}@${definition.version} has no step ${name}`);
    return step;
  }

  /** The step after `name`, or undefined at the end. */
  following(definition: AnyDefinition, name: string): string | undefined {
    const index = definition.steps.findIndex((candidate) => candidate.name === name);
    return definition.steps[index + 1]?.name;
  }

  /** Event types that start flows, and those steps wait for: what the engine subscribes to. */
  eventTypes(): { triggers: string[]; awaited: string[] } {
    const triggers = new Set<string>();
    const awaited = new Set<string>();
    for (const definition of this.byKey.values()) {
      for (const trigger of definition.triggers ?? []) triggers.add(trigger.eventType);
      for (const type of definition.awaits ?? []) awaited.add(type);
    }
    return { triggers: [...triggers].sort(), awaited: [...awaited].sort() };
  }
}
