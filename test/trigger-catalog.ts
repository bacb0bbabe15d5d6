import { resourceCatalog } from "@trigger.dev/core/v3";
import { StandardResourceCatalog } from "@trigger.dev/core/v3/workers";

/**
 * Trigger.dev task files, registered offline as the Trigger.dev worker would: a
 * fresh resource catalog, each file loaded in its own file context (task
 * definitions register into the context current when their module loads).
 */
export async function registerTaskFiles(files: ReadonlyArray<readonly [file: string, load: () => Promise<unknown>]>): Promise<void> {
  resourceCatalog.setGlobalResourceCatalog(new StandardResourceCatalog());
  for (const [file, load] of files) {
    resourceCatalog.setCurrentFileContext(file, file);
    await load();
  }
  resourceCatalog.clearCurrentFileContext();
}

export function getTask(id: string) {
  const task = resourceCatalog.getTask(id);
  if (!task) throw new Error(`Task ${id} was not registered.`);
  return task;
}
