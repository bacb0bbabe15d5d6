import { ConflictError, NotFoundError } from "../errors";
import { Prisma } from "./generated/client";
import { msg } from "@/lib/message";

/**
 * Turns Prisma's "record not found" (P2025) into NotFoundError and unique
 * violations (P2002) into ConflictError. A row of another team is "not found" as
 * well: the tenant scope makes it invisible, and the answer never says otherwise.
 */
export async function mapPrismaErrors<T>(what: string, operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      if (error.code === "P2025") throw new NotFoundError(what);
      if (error.code === "P2002") throw new ConflictError(msg`${what} already exists.`);
    }
    throw error;
  }
}
