import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `npm ci` refuses a lockfile that lacks an entry for any optional platform
 * package (SWC, Tailwind's oxide, ...). The registry mirror of air-gapped
 * installs often lacks the newest platform builds, and `npm install` then
 * silently leaves them out: this catches it before CI does.
 */
type LockPackage = { optionalDependencies?: Record<string, string> };

describe("package-lock.json", () => {
  it("has an entry for every optional dependency, so npm ci accepts it", () => {
    const lock = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../package-lock.json"), "utf8")) as {
      packages: Record<string, LockPackage>;
    };
    const missing: string[] = [];
    for (const [location, pkg] of Object.entries(lock.packages)) {
      for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
        const nested = `${location}/node_modules/${name}`;
        if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) missing.push(`${name} (from ${location || "root"})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
