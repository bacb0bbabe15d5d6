import { expect, test } from "@playwright/test";
import { queryE2eDatabase } from "./database";
import { PASSWORD, signUp } from "./helpers";

const suffix = `${Date.now().toString(36)}i`;


test("invite a teammate, who joins, sees the shared project and is notified of an assignment", async ({ page, browser }) => {
  const invitee = `invitee-${suffix}@e2e.test`;
  const team = `Omega ${suffix}`;
  await signUp(page, { name: "Olga Owner", email: `olga-${suffix}@e2e.test`, team });
  await page.goto("/projects");
  await page.getByLabel("Project name").fill("Shared plan");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-list")).toContainText("Shared plan");

  await page.goto("/settings/team");
  await page.getByLabel("Email").fill(invitee);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByTestId("invitations")).toContainText(`${invitee} · staff · pending`);

  const [mail] = await queryE2eDatabase<{ text: string }>(`SELECT text FROM "EmailMessage" WHERE "to" = $1 AND kind = 'invitation'`, [invitee]);
  const link = mail?.text.match(/https?:\/\/\S+\/invite\/([A-Za-z0-9_-]+)/);
  if (!link?.[1]) throw new Error("no invitation link in the outbox");
  const invitePath = `/invite/${link[1]}`;

  // The invitee, in their own browser, follows the link and creates an account.
  const inviteeContext = await browser.newContext();
  const other = await inviteeContext.newPage();
  await other.goto(invitePath);
  await expect(other.getByText(`You are invited to join ${team} as staff.`)).toBeVisible();
  await other.getByRole("link", { name: "Create your account" }).click();
  await expect(other.getByLabel("Work email")).toHaveValue(invitee);
  await other.getByLabel("Your name").fill("Ivan Invitee");
  await other.getByLabel("Password").fill(PASSWORD);
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other).toHaveURL(/\/onboarding$/);
  await other.getByRole("button", { name: "Skip for now" }).click();
  await expect(other).toHaveURL(/\/dashboard$/);
  await expect(other.getByTestId("team-name")).toHaveText(team);
  // Staff see only the projects they belong to: none yet.
  await other.goto("/projects");
  await expect(other.getByText("No projects yet.")).toBeVisible();

  // The owner adds them to the project and assigns them a task.
  await page.goto("/projects");
  await page.getByRole("link", { name: "Shared plan" }).click();
  await page.getByRole("tab", { name: "Members" }).click();
  await page.getByLabel("Team member to add").selectOption({ label: "Ivan Invitee" });
  await page.getByRole("button", { name: "Add to project" }).click();
  await expect(page.getByTestId("project-members")).toContainText("Ivan Invitee");
  await page.getByRole("tab", { name: "Board" }).click();
  await page.getByLabel("New task title").fill("Review the plan");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("button", { name: "Review the plan", exact: true }).click();
  await page.getByLabel("Assignee").selectOption({ label: "Ivan Invitee" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // The invitee is told without reloading: the bell counts, the dropdown lists, the link opens the board.
  await expect(other.getByTestId("unread-badge")).toHaveText("2", { timeout: 20_000 });
  await other.getByRole("button", { name: /Notifications, 2 unread/ }).click();
  await expect(other.getByText("Assigned to you: Review the plan")).toBeVisible();
  await other.getByText("You were added to Shared plan").click();
  await expect(other.getByTestId("kanban-board")).toContainText("Review the plan");

  // The link works once.
  await other.goto(invitePath);
  await expect(other.getByText("This invitation was already used.")).toBeVisible();
  await inviteeContext.close();
});
