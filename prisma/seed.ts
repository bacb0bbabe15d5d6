/**
 * Demo data: two teams that must never see each other, users for every role, a
 * platform operator, and a few projects. Idempotent: does nothing when the demo
 * owner already exists. Run by the start script on an empty database, or with
 * `npx prisma db seed`.
 */
import { pathToFileURL } from "node:url";
import { hashPassword } from "../src/server/auth/password";
import { closeDb, getBaseDb } from "../src/server/db/client";
import { getTenantDb } from "../src/server/db/get-tenant-db";
import type { Role } from "../src/server/db/generated/client";
import { rankBetween } from "../src/lib/rank";
import { ensureColumns } from "../src/server/services/tasks/columns";
import { slugify } from "../src/server/services/team/create-team";
import { seedAiUsage, seedBusinessData } from "./seed-business";
import { seedBilling } from "./seed-billing";

export const DEMO_PASSWORD = "DemoPass2026";

export const DEMO_USERS = [
  { email: "owner@demo.test", name: "Olivia Owner", team: "Acme Corp", role: "OWNER" },
  { email: "admin@demo.test", name: "Adam Admin", team: "Acme Corp", role: "ADMIN" },
  { email: "manager@demo.test", name: "Maya Manager", team: "Acme Corp", role: "MANAGER" },
  { email: "staff@demo.test", name: "Sam Staff", team: "Acme Corp", role: "STAFF" },
  { email: "owner@globex.test", name: "Gus Globex", team: "Globex", role: "OWNER" },
  { email: "operator@demo.test", name: "Petra Operator", team: "Platform Ops", role: "OWNER", superAdmin: true },
] as const satisfies ReadonlyArray<{ email: string; name: string; team: string; role: Role; superAdmin?: boolean }>;

type DemoTask = { title: string; column: 0 | 1 | 2; priority?: "LOW" | "MEDIUM" | "HIGH" | "URGENT"; assignee?: string; dueInDays?: number; labels?: string[] };
type DemoProject = { name: string; description: string; members?: Record<string, "LEAD" | "MEMBER" | "VIEWER">; tasks?: DemoTask[] };

const DEMO_LABELS: Record<string, Array<{ name: string; color: string }>> = {
  "Acme Corp": [
    { name: "design", color: "#7c3aed" },
    { name: "bug", color: "#dc2626" },
    { name: "content", color: "#0891b2" },
  ],
  Globex: [{ name: "ops", color: "#ea580c" }],
};

const DEMO_PROJECTS: Record<string, DemoProject[]> = {
  "Acme Corp": [
    {
      name: "Website relaunch",
      description: "New marketing site and pricing page.",
      members: { "staff@demo.test": "MEMBER", "manager@demo.test": "MEMBER" },
      tasks: [
        { title: "Pricing page copy", column: 0, priority: "HIGH", assignee: "staff@demo.test", dueInDays: 5, labels: ["content"] },
        { title: "Hero illustration", column: 0, labels: ["design"] },
        { title: "Navigation redesign", column: 1, priority: "MEDIUM", assignee: "manager@demo.test", labels: ["design"] },
        { title: "Fix broken signup link", column: 1, priority: "URGENT", assignee: "staff@demo.test", dueInDays: -1, labels: ["bug"] },
        { title: "Choose the CMS", column: 2, priority: "LOW" },
      ],
    },
    {
      name: "Customer onboarding",
      description: "Shorten time-to-value for new accounts.",
      members: { "manager@demo.test": "LEAD" },
      tasks: [
        { title: "Interview five new customers", column: 0, assignee: "manager@demo.test", dueInDays: 14 },
        { title: "Welcome email sequence", column: 1, labels: ["content"] },
      ],
    },
    { name: "Q4 invoicing cleanup", description: "Reconcile overdue invoices before year end." },
  ],
  Globex: [
    {
      name: "Warehouse automation",
      description: "Pilot in the Jakarta warehouse.",
      tasks: [
        { title: "Map the picking routes", column: 1, priority: "HIGH", labels: ["ops"] },
        { title: "Order the scanners", column: 0 },
      ],
    },
    { name: "Supplier portal", description: "Self-service portal for suppliers." },
  ],
  "Platform Ops": [],
};

export async function seedDemo(): Promise<{ created: boolean }> {
  const db = getBaseDb();
  if (await db.user.findUnique({ where: { email: DEMO_USERS[0].email }, select: { id: true } })) {
    return { created: false };
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const teams = new Map<string, string>();
  for (const name of new Set(DEMO_USERS.map((user) => user.team))) {
    const team = await db.team.create({
      data: { name, slug: slugify(name), region: name === "Globex" ? "id" : "global" },
      select: { id: true },
    });
    teams.set(name, team.id);
  }
  for (const user of DEMO_USERS) {
    const teamId = teams.get(user.team);
    if (!teamId) throw new Error(`Unknown demo team ${user.team}`);
    await db.user.create({
      data: {
        email: user.email,
        name: user.name,
        passwordHash,
        isSuperAdmin: "superAdmin" in user && user.superAdmin,
        activeTeamId: teamId,
        onboardingCompletedAt: new Date(),
        intent: "exploring",
        memberships: { create: { teamId, role: user.role } },
      },
      select: { id: true },
    });
  }
  await seedBilling(teams);
  const userIds = new Map(
    (await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, email: true } })).map((u) => [u.email, u.id]),
  );
  for (const [teamName, projects] of Object.entries(DEMO_PROJECTS)) {
    const teamId = teams.get(teamName);
    if (!teamId || projects.length === 0) continue;
    const ownerId = userIds.get(DEMO_USERS.find((u) => u.team === teamName && u.role === "OWNER")?.email ?? "") ?? null;
    const tenant = await getTenantDb(teamId, { actorId: ownerId, requestId: "seed" });
    const columns = await ensureColumns({ db: tenant, role: "OWNER", user: { id: ownerId ?? "" }, team: { id: teamId } });
    const labels = new Map<string, string>();
    for (const label of DEMO_LABELS[teamName] ?? []) {
      labels.set(label.name, (await tenant.label.create({ data: label, select: { id: true } })).id);
    }
    for (const project of projects) {
      const members = Object.entries(project.members ?? {}).flatMap(([email, role]) => {
        const userId = userIds.get(email);
        return userId ? [{ userId, role }] : [];
      });
      const created = await tenant.project.create({
        data: {
          name: project.name,
          description: project.description,
          createdById: ownerId,
          members: { create: [...(ownerId ? [{ userId: ownerId, role: "LEAD" as const }] : []), ...members] },
        },
        select: { id: true },
      });
      const ranks = new Map<number, string | null>();
      for (const task of project.tasks ?? []) {
        const column = columns[task.column];
        if (!column) continue;
        const rank = rankBetween(ranks.get(task.column) ?? null, null);
        ranks.set(task.column, rank);
        await tenant.task.create({
          data: {
            projectId: created.id,
            columnId: column.id,
            title: task.title,
            rank,
            priority: task.priority ?? "MEDIUM",
            assigneeId: task.assignee ? (userIds.get(task.assignee) ?? null) : null,
            dueDate: task.dueInDays === undefined ? null : new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + task.dueInDays)),
            createdById: ownerId,
            labels: { create: (task.labels ?? []).flatMap((name) => (labels.get(name) ? [{ labelId: labels.get(name) ?? "" }] : [])) },
          },
          select: { id: true },
        });
      }
    }
  }
  for (const [teamName, teamId] of teams) {
    const ownerId = userIds.get(DEMO_USERS.find((u) => u.team === teamName && u.role === "OWNER")?.email ?? "") ?? null;
    if (ownerId) await seedBusinessData(teamName, teamId, ownerId);
  }
  const acme = teams.get("Acme Corp");
  if (acme) {
    const acmeUsers = DEMO_USERS.filter((u) => u.team === "Acme Corp").flatMap((u) => {
      const id = userIds.get(u.email);
      return id ? [{ id, heavy: u.role === "MANAGER" }] : [];
    });
    await seedAiUsage(acme, acmeUsers);
  }
  return { created: true };
}

export function printDemoLogins(log: (line: string) => void = console.log): void {
  log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
  for (const user of DEMO_USERS) {
    log(`  ${user.email.padEnd(22)} ${user.role.toLowerCase().padEnd(8)} ${user.team}${"superAdmin" in user ? " · platform operator" : ""}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  seedDemo()
    .then(({ created }) => {
      console.log(created ? "Demo data created." : "Demo data already present.");
      printDemoLogins();
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => closeDb());
}
