import { renderMessage } from "@/lib/message";
import { MESSAGES_ID } from "./messages-id";

export const SERVER_LOCALES = ["en", "id"] as const;
export type ServerLocale = (typeof SERVER_LOCALES)[number];

export function parseLocale(value: string | null | undefined): ServerLocale {
  return value === "id" ? "id" : "en";
}

/** A server message in `locale`: its template's translation with translated values, else the English. */
export function translateMessage(locale: ServerLocale, template: string, values: ReadonlyArray<string | number> = []): string {
  if (locale === "en") return renderMessage(template, values);
  const translated = MESSAGES_ID[template];
  if (translated === undefined) return renderMessage(template, values);
  return renderMessage(
    translated,
    values.map((value) => (typeof value === "string" ? (MESSAGES_ID[value] ?? value) : value)),
  );
}

/**
 * zod's messages for ids are built per field ("Task is required.", "That task
 * id is not valid."): map them back to their template before translating.
 */
export function translateValidationMessage(locale: ServerLocale, message: string): string {
  if (locale === "en") return message;
  if (MESSAGES_ID[message] !== undefined) return translateMessage(locale, message);
  const required = /^(.+) is required\.$/.exec(message);
  if (required?.[1]) return translateMessage(locale, "{0} is required.", [required[1]]);
  const invalid = /^That (.+) id is not valid\.$/.exec(message);
  if (invalid?.[1]) {
    const noun = invalid[1].charAt(0).toUpperCase() + invalid[1].slice(1);
    const translated = (MESSAGES_ID[noun] ?? invalid[1]).toLowerCase();
    return renderMessage(MESSAGES_ID["That {0} id is not valid."] ?? message, [translated]);
  }
  return message;
}
