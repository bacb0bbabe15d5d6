import { describe, expect, it } from "vitest";
import en from "../../../../messages/en/auth.json";
import { ZSignInInput, ZSignUpInput } from "@/server/services/account/sign-up.schema";
import { validationMessageKey } from "./validation-messages";

describe("sign-in and sign-up validation messages", () => {
  it("every message the schemas produce has a translation", () => {
    const bad = [
      { name: "", email: "", password: "" },
      { name: "x".repeat(101), email: "not-an-email", password: "short" },
      { name: "A", email: `${"a".repeat(250)}@b.test`, password: "onlyletters" },
      { name: "A", email: "a@b.test", password: " padded-pass1 ", teamName: "t".repeat(81) },
      { name: "A", email: "a@b.test", password: "a1".repeat(40) },
    ];
    const messages = new Set<string>();
    for (const input of bad) {
      for (const issue of ZSignUpInput.safeParse(input).error?.issues ?? []) messages.add(issue.message);
      for (const issue of ZSignInInput.safeParse(input).error?.issues ?? []) messages.add(issue.message);
    }
    expect(messages.size).toBeGreaterThan(5);
    for (const message of messages) {
      const key = validationMessageKey(message);
      expect(key, message).not.toBeNull();
      expect(en.validation[key as keyof typeof en.validation], message).toBe(message);
    }
  });
});
