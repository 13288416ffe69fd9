import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { TransactionRunner } from '@concord/platform';
import { XrefLinkEntity } from './xref-link.entity';

export interface XrefIdentifier {
  system: string;
  value: string;
}

export interface LinkResult {
  concordId: string;
  /** True when none of the identifiers was known before. */
  created: boolean;
  /** Identifiers that already belong to other entities: the caller decides (merge, flag a duplicate). */
  conflicts: { identifier: XrefIdentifier; concordId: string }[];
}

/**
 * The cross-reference of one entity's identifiers across the core systems (ARCHITECTURE §3): MRN ↔
 * billing account ↔ ERP customer, clinical supply code ↔ ERP item. Every write takes the caller's
 * transaction so a link and the event announcing it commit together.
 */
@Injectable()
export class CrossReference {
  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * Links identifiers to one entity: the entity that already owns the first known identifier, or a
   * new one. Identifiers owned by another entity are left where they are and reported as conflicts.
   */
  async link(manager: EntityManager, entityType: string, identifiers: XrefIdentifier[]): Promise<LinkResult> {
    const wanted = dedupe(identifiers);
    if (!wanted.length) throw new Error('link needs at least one identifier');
    const existing = await this.find(manager, entityType, wanted);
    const owners = [...new Set(existing.map((link) => link.concordId))];
    const concordId = owners[0] ?? randomUUID();
    const conflicts = existing
      .filter((link) => link.concordId !== concordId)
      .map((link) => ({ identifier: { system: link.system, value: link.value }, concordId: link.concordId }));
    const known = new Set(existing.map((link) => keyOf(link)));
    const fresh = wanted.filter((identifier) => !known.has(keyOf(identifier)));
    if (fresh.length) {
      const now = new Date().toISOString();
      await manager
        .createQueryBuilder()
        .insert()
        .into(XrefLinkEntity)
        .values(fresh.map((identifier) => ({ id: randomUUID(), entityType, concordId, ...identifier, createdAt: now, mergedFrom: null })))
        .orIgnore()
        .execute();
    }
    return { concordId, created: owners.length === 0, conflicts };
  }

  /** Moves every identifier of `merged` to `survivor` (an A40 merge, an operator's decision). */
  async merge(manager: EntityManager, entityType: string, survivor: string, merged: string): Promise<number> {
    const result = await manager.update(XrefLinkEntity, { entityType, concordId: merged }, { concordId: survivor, mergedFrom: merged });
    return result.affected ?? 0;
  }

  async resolve(entityType: string, identifier: XrefIdentifier): Promise<string | undefined> {
    const [link] = await this.transactions.run((manager) => this.find(manager, entityType, [identifier]));
    return link?.concordId;
  }

  async identifiersOf(entityType: string, concordId: string): Promise<XrefIdentifier[]> {
    const links = await this.transactions.run((manager) =>
      manager.find(XrefLinkEntity, { where: { entityType, concordId }, order: { system: 'ASC', value: 'ASC' } }),
    );
    return links.map((link) => ({ system: link.system, value: link.value }));
  }

  /** The identifier of an entity in one system (e.g. its billing account), when it has one. */
  async identifierIn(entityType: string, concordId: string, system: string): Promise<string | undefined> {
    return (await this.identifiersOf(entityType, concordId)).find((identifier) => identifier.system === system)?.value;
  }

  private find(manager: EntityManager, entityType: string, identifiers: XrefIdentifier[]): Promise<XrefLinkEntity[]> {
    const systems = [...new Set(identifiers.map((identifier) => identifier.system))];
    return manager
      .find(XrefLinkEntity, { where: { entityType, system: In(systems), value: In(identifiers.map((identifier) => identifier.value)) } })
      .then((links) => links.filter((link) => identifiers.some((identifier) => keyOf(identifier) === keyOf(link))));
  }
}

function keyOf(identifier: XrefIdentifier): string {
  return `${identifier.system}|${identifier.value}`;
}

function dedupe(identifiers: XrefIdentifier[]): XrefIdentifier[] {
  const seen = new Map<string, XrefIdentifier>();
  for (const identifier of identifiers) if (identifier.value) seen.set(keyOf(identifier), identifier);
  return [...seen.values()];
}
