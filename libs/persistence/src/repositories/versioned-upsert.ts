import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * Writes a projection row only if it is newer than the stored one: inserts it when missing, else
 * updates every column but `immutable` where the stored version is lower. Retries and
 * out-of-order writes are thus harmless. `force` (reconcile only) overwrites whatever is stored:
 * the row comes from the workflow itself, which is the authority.
 */
export async function upsertIfNewer<T extends ObjectLiteral & { id: string; version: number }>(
  m: EntityManager,
  entity: EntityTarget<T>,
  row: T,
  immutable: readonly (keyof T)[],
  { force = false }: { force?: boolean } = {},
): Promise<void> {
  // updateEntity(false): TypeORM would otherwise copy the existing row's values back into `row`.
  await m
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(row as QueryDeepPartialEntity<T>)
    .orIgnore()
    .updateEntity(false)
    .execute();
  const changes: Partial<T> = { ...row };
  for (const key of ['id', ...immutable] as (keyof T)[]) delete changes[key];
  await m
    .createQueryBuilder()
    .update(entity)
    .set(changes as QueryDeepPartialEntity<T>)
    .where(force ? 'id = :id' : 'id = :id AND version < :version', { id: row.id, version: row.version })
    .execute();
}
