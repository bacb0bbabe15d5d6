import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { createTeam } from "../../../test/factories";
import { appRouter } from "../api/root";
import { createInnerContext } from "../api/trpc";
import { MESSAGES_ID } from "./messages-id";
import { translateMessage, translateValidationMessage } from "./translate";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sourceFiles(full);
    return full.endsWith(".ts") && !full.endsWith(".test.ts") ? [full] : [];
  });
}

/** The messages the server's code writes: error templates, zod messages and the nouns used in them. */
function messagesInSource(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(path.resolve(import.meta.dirname, ".."))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/msg`((?:[^`\\]|\\.)*)`/g)) {
      let i = 0;
      found.add((m[1] ?? "").replace(/\$\{[^}]*\}/g, () => `{${i++}}`));
    }
    const patterns = [
      /new (?:Forbidden|Conflict|Validation|Unauthorized)Error\(\s*"((?:[^"\\]|\\.)*)"/g,
      /new DomainError\(\s*"[A-Z_]+",\s*"((?:[^"\\]|\\.)*)"/g,
      /new NotFoundError\(\s*"((?:[^"\\]|\\.)*)"/g,
      /mapPrismaErrors\(\s*"((?:[^"\\]|\\.)*)"/g,
      /\.(?:min|max|regex)\([^,()]*,\s*"((?:[^"\\]|\\.)*)"\)/g,
      /(?:message|error):\s*"((?:[^"\\]|\\.)*)"/g,
      /z\.email\(\s*"((?:[^"\\]|\\.)*)"/g,
      /ZId\("([^"]+)"\)/g,
    ];
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add(m[1] ?? "");
  }
  // Configuration errors are for operators (English logs), not for the app's readers.
  return [...found].filter((m) => m && !/DATABASE_|AUTH_|RESEND_|PII_/.test(m));
}

describe("server messages in Indonesian", () => {
  it("has a translation for every message the server's code writes", () => {
    const messages = messagesInSource();
    expect(messages.length).toBeGreaterThan(60);
    expect(messages.filter((m) => MESSAGES_ID[m] === undefined)).toEqual([]);
  });

  it("translates templates with their values, and leaves English alone", () => {
    expect(translateMessage("id", "{0} was not found.", ["Task"])).toBe("Tugas tidak ditemukan.");
    expect(translateMessage("id", "Your role ({0}) does not allow {1}.", ["staff", "project → create"])).toBe(
      "Peran Anda (staf) tidak mengizinkan project → create.",
    );
    expect(translateMessage("en", "{0} was not found.", ["Task"])).toBe("Task was not found.");
    expect(translateMessage("id", "Not in the catalog.")).toBe("Not in the catalog.");
    expect(translateValidationMessage("id", "Task is required.")).toBe("Tugas wajib diisi.");
    expect(translateValidationMessage("id", "That task id is not valid.")).toBe("ID tugas tersebut tidak valid.");
  });

  it("answers API errors in the caller's language", async () => {
    const team = await createTeam("i18n-errors");
    const session = { user: { id: team.owner.id, email: team.owner.email, activeTeamId: team.id } };
    const call = async (pathAndQuery: string, locale: string, body?: unknown) => {
      const response = await fetchRequestHandler({
        endpoint: "/api/trpc",
        req: new Request(`http://test/api/trpc/${pathAndQuery}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
        router: appRouter,
        createContext: () => createInnerContext({ session, locale }),
      });
      return (await response.json()) as { error: { json: { message: string; data: { fieldErrors: Record<string, string[]> | null } } } };
    };
    const input = encodeURIComponent(JSON.stringify({ json: { id: "missing" } }));
    expect((await call(`task.get?input=${input}`, "id")).error.json.message).toBe("Tugas tidak ditemukan.");
    expect((await call(`task.get?input=${input}`, "en")).error.json.message).toBe("Task was not found.");
    const invalid = await call("project.create", "id", { json: { name: " " } });
    expect(invalid.error.json.data.fieldErrors).toEqual({ name: ["Masukkan nama proyek."] });
    expect(invalid.error.json.message).toBe("name: Masukkan nama proyek.");
  });
});
