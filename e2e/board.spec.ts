import { expect, test, type Locator, type Page } from "@playwright/test";
import { signUp } from "./helpers";

const suffix = `${Date.now().toString(36)}b`;


function card(page: Page, title: string): Locator {
  return page.locator(`[data-testid="task-card"][data-task-title="${title}"]`);
}

async function addTask(page: Page, title: string) {
  await page.getByLabel("New task title").fill(title);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(card(page, title)).toBeVisible();
}

test("drag tasks with the mouse and the keyboard; the moves persist and reach another browser", async ({ page, browser }) => {
  await signUp(page, { name: "Board User", email: `board-${suffix}@e2e.test` });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
  await page.getByLabel("Project name").fill("Kanban");
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("link", { name: "Kanban" }).click();
  await expect(page.getByTestId("kanban-board")).toBeVisible();
  const boardUrl = page.url();

  await addTask(page, "Mouse task");
  await addTask(page, "Keyboard task");

  // A second browser (its own cookies) on the same board, signed in as the same user.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const cookies = await page.context().cookies();
  await other.addCookies(cookies);
  await otherPage.goto(boardUrl);
  await expect(card(otherPage, "Mouse task")).toBeVisible();

  // Mouse: drag "Mouse task" onto the Done column.
  const source = await card(page, "Mouse task").boundingBox();
  const target = await page.getByTestId("column-DONE").boundingBox();
  if (!source || !target) throw new Error("no layout");
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 20, source.y + source.height / 2, { steps: 5 });
  await page.mouse.move(target.x + target.width / 2, target.y + 80, { steps: 15 });
  await page.mouse.up();
  await expect(page.getByTestId("column-DONE").locator('[data-task-title="Mouse task"]')).toBeVisible();

  // Keyboard: pick "Keyboard task" up with space, move right one column, drop —
  // following the screen-reader announcements, as a keyboard user would.
  const announcement = (text: string) => page.getByRole("status").filter({ hasText: text });
  await card(page, "Keyboard task").focus();
  await page.keyboard.press("Space");
  await expect(announcement("Keyboard task")).toHaveCount(1);
  await page.keyboard.press("ArrowRight");
  await expect(announcement("Task Keyboard task is over In progress.")).toHaveCount(1);
  await page.keyboard.press("Space");
  await expect(announcement("Task Keyboard task was dropped on In progress.")).toHaveCount(1);
  await expect(page.getByTestId("column-IN_PROGRESS").locator('[data-task-title="Keyboard task"]')).toBeVisible();

  // Both persisted.
  await page.reload();
  await expect(page.getByTestId("column-DONE").locator('[data-task-title="Mouse task"]')).toBeVisible();
  await expect(page.getByTestId("column-IN_PROGRESS").locator('[data-task-title="Keyboard task"]')).toBeVisible();

  // The other browser sees the moves without a reload (polling).
  await expect(otherPage.getByTestId("column-DONE").locator('[data-task-title="Mouse task"]')).toBeVisible({ timeout: 15_000 });
  await expect(otherPage.getByTestId("column-IN_PROGRESS").locator('[data-task-title="Keyboard task"]')).toBeVisible({ timeout: 15_000 });
  await other.close();

  // A description in Markdown, previewed safely: formatting yes, HTML no.
  await page.getByRole("button", { name: "Mouse task", exact: true }).click();
  await page.getByLabel("Description (Markdown)").fill("**Ship it** <img src=x onerror=alert(1)> [spec](https://example.com) ![pixel](https://tracker.example/p.png)");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("description-preview");
  await expect(preview.locator("strong")).toHaveText("Ship it");
  await expect(preview.getByRole("link", { name: "spec" })).toHaveAttribute("target", "_blank");
  await expect(preview.locator("img")).toHaveCount(0);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // The list view shows the same tasks with their status.
  await page.getByRole("tab", { name: "List" }).click();
  await expect(page.getByTestId("task-table")).toContainText("Mouse task");
  await expect(page.getByTestId("task-table")).toContainText("Done");

  // In Indonesian: same board, same URL under /id, everything translated.
  await page.getByRole("tab", { name: "Board" }).click();
  await page.getByLabel("Language").selectOption("id");
  await expect(page).toHaveURL(/\/id\/projects\//);
  await expect(page.getByRole("tab", { name: "Papan" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("column-DONE")).toContainText("Selesai");
  await expect(page.getByTestId("column-IN_PROGRESS")).toContainText("Sedang dikerjakan");
  await expect(page.getByRole("button", { name: "Tambah", exact: true })).toBeVisible();
  await expect(page.getByLabel("Judul tugas baru")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Utama" }).getByRole("link", { name: "Proyek" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Keluar" })).toBeVisible();
});
