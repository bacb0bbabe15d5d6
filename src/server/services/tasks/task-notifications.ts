import { notify } from "../notifications/notify";
import type { TenantRequest } from "../tenant-request";

export function notifyAssigned(req: TenantRequest, task: { id: string; title: string; projectId: string; assigneeId: string | null; projectName: string }) {
  if (!task.assigneeId) return Promise.resolve(0);
  return notify(req, {
    type: "task.assigned",
    recipients: [task.assigneeId],
    title: `Assigned to you: ${task.title}`,
    body: `In ${task.projectName}.`,
    link: `/projects/${task.projectId}?task=${task.id}`,
  });
}
