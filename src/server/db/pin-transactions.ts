import { withDbContext, type DbContext } from "./context";

/**
 * An interactive transaction takes its connection when it starts, before any of
 * its operations run, so the connection gets the settings of whatever context
 * the caller happens to be in. This returns `client` with `$transaction` started
 * inside `context()` instead, whoever calls it.
 */
export function pinTransactionsToContext<C extends { $transaction: unknown }>(client: C, context: () => DbContext): C {
  const begin = client.$transaction as (...args: unknown[]) => Promise<unknown>;
  const transaction = (...args: unknown[]) => withDbContext(context(), () => begin.apply(client, args));
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "$transaction") return transaction;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
