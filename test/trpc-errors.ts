import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { DomainError } from "../src/server/errors";

/** The TRPCError a call rejected with (fails the test when it resolved or threw something else). */
export async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

/** The fields a 400 is about: zod's issue paths, or the domain error's field. */
export function fieldsOf(error: TRPCError): string[] {
  if (error.cause instanceof ZodError) return error.cause.issues.map((issue) => issue.path.join("."));
  if (error.cause instanceof DomainError && error.cause.field) return [error.cause.field];
  return [];
}
