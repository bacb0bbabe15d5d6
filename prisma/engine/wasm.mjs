// Loads @prisma/schema-engine-wasm in plain Node (the package's entry point imports a
// `.wasm` file as an ES module, which Node 20 cannot do).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

export const WASM_PACKAGE = "@prisma/schema-engine-wasm";

export function wasmPackageDir() {
  // The package exports no ./package.json; resolve a file it does export.
  return path.dirname(require.resolve(`${WASM_PACKAGE}/schema_engine_bg`));
}

/** `8.1.0-2.<commit>` → `<commit>`, read without instantiating the module. */
export function wasmEngineVersion() {
  const { version } = JSON.parse(readFileSync(path.join(wasmPackageDir(), "package.json"), "utf8"));
  return { packageVersion: version, commit: version.split(".").pop() };
}

/** Panic messages reported by the WASM module (Rust panics end up here before the trap). */
export const panicRegistry = {
  message: undefined,
  set_message(message) {
    this.message = message;
  },
  take() {
    const m = this.message;
    this.message = undefined;
    return m;
  },
};

let loaded;

/** Instantiates the module once and returns the generated bindings (SchemaEngine, version…). */
export async function loadSchemaEngineWasm() {
  if (loaded) return loaded;
  globalThis.PRISMA_WASM_PANIC_REGISTRY = panicRegistry;
  const dir = wasmPackageDir();
  const bindings = await import(pathToFileURL(path.join(dir, "schema_engine_bg.js")).href);
  const wasmModule = new WebAssembly.Module(readFileSync(path.join(dir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  if (typeof instance.exports.__wbindgen_start === "function") instance.exports.__wbindgen_start();
  loaded = bindings;
  return bindings;
}
