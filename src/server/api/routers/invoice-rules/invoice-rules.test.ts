import { beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, type TestTeam } from "../../../../../test/factories";
import { errorOf, fieldsOf } from "../../../../../test/trpc-errors";

let a: TestTeam;
let b: TestTeam;

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("rules-a"), createTeam("rules-b")]);
});

const RULES = {
  vatRate: "12",
  maxDiscount: "15.5",
  maxDueDays: 14,
  requiredFields: ["customerTaxId", "notes", "notes"] as Array<"customerTaxId" | "notes">,
  customRules: ["  Every line names the project.  "],
};

describe("invoice rules router", () => {
  it("gives the defaults until the SOP is saved, then the saved SOP", async () => {
    const api = callerFor(a.owner, a.id);
    expect(await api.invoiceRules.get()).toEqual({
      vatRateBps: 1100,
      maxDiscountBps: 2000,
      maxDueDays: 30,
      requiredFields: [],
      customRules: [],
      updatedAt: null,
    });
    const saved = await api.invoiceRules.update(RULES);
    expect(saved).toMatchObject({
      vatRateBps: 1200,
      maxDiscountBps: 1550,
      maxDueDays: 14,
      requiredFields: ["customerTaxId", "notes"],
      customRules: ["Every line names the project."],
    });
    expect(saved.updatedAt).toBeInstanceOf(Date);
    const again = await api.invoiceRules.update({ ...RULES, customRules: [], requiredFields: [] });
    expect(again).toMatchObject({ customRules: [], requiredFields: [], vatRateBps: 1200 });
    expect(await api.invoiceRules.get()).toMatchObject({ customRules: [], maxDueDays: 14 });
  });

  it("keeps one ruleset per team when two first saves race", async () => {
    const team = await createTeam("rules-race");
    const api = callerFor(team.owner, team.id);
    await Promise.all([api.invoiceRules.update(RULES), api.invoiceRules.update({ ...RULES, maxDueDays: 20 })]);
    expect([14, 20]).toContain((await api.invoiceRules.get()).maxDueDays);
  });

  it("keeps each team's SOP to itself", async () => {
    await callerFor(a.owner, a.id).invoiceRules.update({ ...RULES, maxDueDays: 7 });
    expect(await callerFor(b.owner, b.id).invoiceRules.get()).toMatchObject({ maxDueDays: 30, vatRateBps: 1100 });
    await callerFor(b.owner, b.id).invoiceRules.update({ ...RULES, maxDueDays: 60 });
    expect((await callerFor(a.owner, a.id).invoiceRules.get()).maxDueDays).toBe(7);
  });

  it("lets admins edit the SOP, managers read it, staff neither", async () => {
    const [admin, manager, staff] = await Promise.all([addMember(a.id, "ADMIN"), addMember(a.id, "MANAGER"), addMember(a.id, "STAFF")]);
    await expect(callerFor(admin, a.id).invoiceRules.update(RULES)).resolves.toMatchObject({ vatRateBps: 1200 });
    await expect(callerFor(manager, a.id).invoiceRules.get()).resolves.toMatchObject({ vatRateBps: 1200 });
    expect((await errorOf(callerFor(manager, a.id).invoiceRules.update(RULES))).code).toBe("FORBIDDEN");
    expect((await errorOf(callerFor(staff, a.id).invoiceRules.get())).code).toBe("FORBIDDEN");
  });

  it("refuses bad input with a 400 naming the field", async () => {
    const api = callerFor(a.owner, a.id);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ vatRate: "101" }, "vatRate"],
      [{ maxDiscount: "1.234" }, "maxDiscount"],
      [{ maxDueDays: 0 }, "maxDueDays"],
      [{ maxDueDays: 1.5 }, "maxDueDays"],
      [{ requiredFields: ["colour"] }, "requiredFields.0"],
      [{ customRules: ["   "] }, "customRules.0"],
    ];
    for (const [override, field] of cases) {
      const error = await errorOf(api.invoiceRules.update({ ...RULES, ...override } as typeof RULES));
      expect(error.code, field).toBe("BAD_REQUEST");
      expect(fieldsOf(error), field).toEqual([field]);
    }
  });
});
