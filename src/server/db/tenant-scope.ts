import { TenantViolationError } from "../errors";

/**
 * Pure rewriting of Prisma operation arguments so they can only touch one team's
 * rows. Kept free of Prisma imports so every rule is unit-tested in isolation.
 */

type Args = Record<string, unknown>;
/**
 * model → relation field → where it leads. `inheritsTeam`: the relation's
 * foreign key includes teamId (composite), so Prisma fills the nested row's team
 * from its parent and refuses it as an explicit field.
 */
export type RelationTarget = { model: string; inheritsTeam: boolean };
export type RelationMap = Readonly<Record<string, Readonly<Record<string, RelationTarget>>>>;

const READ_OPS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
]);
const WHERE_WRITE_OPS = new Set(["update", "updateMany", "updateManyAndReturn", "delete", "deleteMany"]);
const CREATE_OPS = new Set(["create"]);
const CREATE_MANY_OPS = new Set(["createMany", "createManyAndReturn"]);

function isObject(value: unknown): value is Args {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function scopeWhere(where: unknown, teamId: string): Args {
  if (where === undefined || where === null) return { teamId };
  if (!isObject(where)) throw new TenantViolationError("A where clause must be an object.");
  // Overwriting (not AND-ing) keeps unique-input shapes valid for findUnique/update.
  return { ...where, teamId };
}

function assertOwnTeam(data: Args, teamId: string, model: string): void {
  if ("teamId" in data && data.teamId !== undefined && data.teamId !== teamId) {
    throw new TenantViolationError(`Refused to write ${model} rows of another team.`);
  }
}

function scopeCreateData(model: string, data: unknown, teamId: string, relations: RelationMap, inherited = false): Args {
  if (!isObject(data)) throw new TenantViolationError(`${model}: create data must be an object.`);
  assertOwnTeam(data, teamId, model);
  return scopeNested(model, inherited ? data : { ...data, teamId }, teamId, relations);
}

function scopeUpdateData(model: string, data: unknown, teamId: string, relations: RelationMap): Args {
  if (!isObject(data)) throw new TenantViolationError(`${model}: update data must be an object.`);
  assertOwnTeam(data, teamId, model);
  return scopeNested(model, data, teamId, relations);
}

function mapOneOrMany(value: unknown, fn: (item: unknown) => unknown): unknown {
  return Array.isArray(value) ? value.map(fn) : fn(value);
}

/** Rewrites the nested-write operations of the relation fields that lead to tenant models. */
function scopeNested(model: string, data: Args, teamId: string, relations: RelationMap): Args {
  const modelRelations = relations[model];
  if (!modelRelations) return data;
  const out: Args = { ...data };
  for (const [field, { model: target, inheritsTeam }] of Object.entries(modelRelations)) {
    const nested = data[field];
    if (!isObject(nested)) continue;
    const next: Args = { ...nested };
    for (const [op, value] of Object.entries(nested)) {
      switch (op) {
        case "create":
          next.create = mapOneOrMany(value, (item) => scopeCreateData(target, item, teamId, relations, inheritsTeam));
          break;
        case "createMany": {
          if (!isObject(value)) throw new TenantViolationError(`${target}: createMany must be an object.`);
          next.createMany = {
            ...value,
            data: mapOneOrMany(value.data, (item) => {
              if (!isObject(item)) throw new TenantViolationError(`${target}: createMany data must be objects.`);
              assertOwnTeam(item, teamId, target);
              return inheritsTeam ? item : { ...item, teamId };
            }),
          };
          break;
        }
        case "connectOrCreate":
          next.connectOrCreate = mapOneOrMany(value, (item) => {
            if (!isObject(item)) throw new TenantViolationError(`${target}: connectOrCreate must be an object.`);
            return {
              ...item,
              where: scopeWhere(item.where, teamId),
              create: scopeCreateData(target, item.create, teamId, relations, inheritsTeam),
            };
          });
          break;
        case "upsert":
          next.upsert = mapOneOrMany(value, (item) => {
            if (!isObject(item)) throw new TenantViolationError(`${target}: upsert must be an object.`);
            const scoped: Args = {
              ...item,
              create: scopeCreateData(target, item.create, teamId, relations, inheritsTeam),
              update: scopeUpdateData(target, item.update, teamId, relations),
            };
            if (item.where !== undefined) scoped.where = scopeWhere(item.where, teamId);
            return scoped;
          });
          break;
        case "update":
          next.update = mapOneOrMany(value, (item) => {
            if (!isObject(item)) throw new TenantViolationError(`${target}: update must be an object.`);
            // To-many: { where, data }; to-one: the data itself, or { where?, data }.
            if ("data" in item && isObject(item.data)) {
              const scoped: Args = { ...item, data: scopeUpdateData(target, item.data, teamId, relations) };
              if (item.where !== undefined) scoped.where = scopeWhere(item.where, teamId);
              return scoped;
            }
            return scopeUpdateData(target, item, teamId, relations);
          });
          break;
        case "updateMany":
          next.updateMany = mapOneOrMany(value, (item) => {
            if (!isObject(item)) throw new TenantViolationError(`${target}: updateMany must be an object.`);
            return {
              ...item,
              where: scopeWhere(item.where, teamId),
              data: scopeUpdateData(target, item.data, teamId, relations),
            };
          });
          break;
        case "connect":
        case "set":
        case "disconnect":
        case "delete":
        case "deleteMany":
          // `true` (to-one disconnect/delete) needs no scoping; unique inputs get the team.
          next[op] = typeof value === "boolean" ? value : mapOneOrMany(value, (item) => scopeWhere(item, teamId));
          break;
        default:
          break;
      }
    }
    out[field] = next;
  }
  return out;
}

/**
 * Returns `args` rewritten for `operation` on the tenant model `model` so it reads
 * and writes only `teamId`'s rows. Throws for anything it does not understand
 * rather than letting an unscoped query through.
 */
export const READ_OPERATIONS: ReadonlySet<string> = READ_OPS;

/**
 * findUnique arguments made fit for findFirst: a compound unique selector such
 * as `{ projectId_userId: { projectId, userId } }` becomes its fields, which is
 * what it means. Recognised by shape: the key is its fields joined with "_".
 */
export function uniqueToFirstArgs(rawArgs: unknown): unknown {
  if (!isObject(rawArgs) || !isObject(rawArgs.where)) return rawArgs;
  const where: Args = {};
  for (const [key, value] of Object.entries(rawArgs.where)) {
    const parts = key.split("_");
    if (parts.length > 1 && isObject(value) && Object.keys(value).length === parts.length && parts.every((part) => part in value)) {
      Object.assign(where, value);
    } else {
      where[key] = value;
    }
  }
  return { ...rawArgs, where };
}

export function scopeArgs(
  model: string,
  operation: string,
  rawArgs: unknown,
  teamId: string,
  relations: RelationMap,
): Args {
  if (typeof teamId !== "string" || teamId.length === 0) {
    // Never let the team become `undefined` in a filter: Prisma reads that as "no filter".
    throw new TenantViolationError("The tenant client was used without a team.");
  }
  const args: Args = rawArgs === undefined ? {} : isObject(rawArgs) ? rawArgs : {};
  if (READ_OPS.has(operation)) {
    const scoped: Args = { ...args, where: scopeWhere(args.where, teamId) };
    // Prisma reads the cursor row by a subquery of its own: scope it as well.
    if (args.cursor !== undefined) scoped.cursor = scopeWhere(args.cursor, teamId);
    return scoped;
  }
  if (CREATE_OPS.has(operation)) {
    return { ...args, data: scopeCreateData(model, args.data, teamId, relations) };
  }
  if (CREATE_MANY_OPS.has(operation)) {
    return {
      ...args,
      data: mapOneOrMany(args.data, (item) => {
        if (!isObject(item)) throw new TenantViolationError(`${model}: createMany data must be objects.`);
        assertOwnTeam(item, teamId, model);
        return { ...item, teamId };
      }),
    };
  }
  if (WHERE_WRITE_OPS.has(operation)) {
    const scoped: Args = { ...args, where: scopeWhere(args.where, teamId) };
    if (args.data !== undefined) scoped.data = scopeUpdateData(model, args.data, teamId, relations);
    return scoped;
  }
  if (operation === "upsert") {
    return {
      ...args,
      where: scopeWhere(args.where, teamId),
      create: scopeCreateData(model, args.create, teamId, relations),
      update: scopeUpdateData(model, args.update, teamId, relations),
    };
  }
  throw new TenantViolationError(`Operation ${operation} is not supported on the tenant client.`);
}
