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
import { slugify } from "../src/server/services/team/create-team";

export const DEMO_PASSWORD = "DemoPass2026";

export const DEMO_USERS = [
  { email: "owner@demo.test", name: "Olivia Owner", team: "Acme Corp", role: "OWNER" },
  { email: "admin@demo.test", name: "Adam Admin", team: "Acme Corp", role: "ADMIN" },
  { email: "manager@demo.test", name: "Maya Manager", team: "Acme Corp", role: "MANAGER" },
  { email: "staff@demo.test", name: "Sam Staff", team: "Acme Corp", role: "STAFF" },
  { email: "owner@globex.test", name: "Gus Globex", team: "Globex", role: "OWNER" },
  { email: "operator@demo.test", name: "Petra Operator", team: "Platform Ops", role: "OWNER", superAdmin: true },
] as const satisfies ReadonlyArray<{ email: string; name: string; team: string; role: Role; superAdmin?: boolean }>;

const DEMO_PROJECTS: Record<string, Array<{ name: string; description: string }>> = {
  "Acme Corp": [
    { name: "Website relaunch", description: "New marketing site and pricing page." },
    { name: "Customer onboarding", description: "Shorten time-to-value for new accounts." },
    { name: "Q4 invoicing cleanup", description: "Reconcile overdue invoices before year end." },
  ],
  Globex: [
    { name: "Warehouse automation", description: "Pilot in the Jakarta warehouse." },
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
  for (const [teamName, projects] of Object.entries(DEMO_PROJECTS)) {
    const teamId = teams.get(teamName);
    if (!teamId || projects.length === 0) continue;
    const tenant = await getTenantDb(teamId, { requestId: "seed" });
    for (const project of projects) {
      await tenant.project.create({ data: project, select: { id: true } });
    }
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
