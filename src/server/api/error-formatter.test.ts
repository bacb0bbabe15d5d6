import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { NotFoundError, TeamLockedError } from "../errors";
import { formatError, GENERIC_INTERNAL_MESSAGE, toTRPCError } from "./error-formatter";

const shape = (error: TRPCError) => ({ message: error.message, code: -32600, data: { code: error.code, httpStatus: 500, stack: "at secret.ts:1" } });

describe("error formatter", () => {
  it("maps domain errors to tRPC codes with their message", () => {
    expect(toTRPCError(new NotFoundError("Project"))).toMatchObject({ code: "NOT_FOUND", message: "Project was not found." });
    expect(toTRPCError(new TeamLockedError("SOFT_LOCKED", "Card declined"))).toMatchObject({ code: "FORBIDDEN" });
    expect(toTRPCError(new Error("plain"))).toBeNull();
  });

  it("names the fields of a zod error", () => {
    const result = z.object({ name: z.string().min(1, "Enter a project name.") }).safeParse({ name: "" });
    const error = new TRPCError({ code: "BAD_REQUEST", cause: result.error });
    const formatted = formatError({ shape: shape(error), error, requestId: "r1" });
    expect(formatted.message).toBe("name: Enter a project name.");
    expect(formatted.data.fieldErrors).toEqual({ name: ["Enter a project name."] });
    expect(formatted.data.requestId).toBe("r1");
  });

  it("hides the message and stack of unexpected errors", () => {
    const error = new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "connect ECONNREFUSED postgresql://app:hunter2@db:5432",
      cause: new Error("connect ECONNREFUSED postgresql://app:hunter2@db:5432"),
    });
    const formatted = formatError({ shape: shape(error), error, requestId: "r2" });
    expect(formatted.message).toBe(GENERIC_INTERNAL_MESSAGE);
    expect(JSON.stringify(formatted)).not.toContain("hunter2");
    expect("stack" in formatted.data).toBe(false);
  });
});
