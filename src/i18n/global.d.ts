import type auth from "../../messages/en/auth.json";
import type board from "../../messages/en/board.json";
import type common from "../../messages/en/common.json";
import type dashboard from "../../messages/en/dashboard.json";
import type home from "../../messages/en/home.json";
import type invite from "../../messages/en/invite.json";
import type mailbox from "../../messages/en/mailbox.json";
import type meta from "../../messages/en/meta.json";
import type notifications from "../../messages/en/notifications.json";
import type onboarding from "../../messages/en/onboarding.json";
import type platform from "../../messages/en/platform.json";
import type projects from "../../messages/en/projects.json";
import type settings from "../../messages/en/settings.json";
import type shell from "../../messages/en/shell.json";
import type invoices from "../../messages/en/invoices.json";
import type documents from "../../messages/en/documents.json";
import type chat from "../../messages/en/chat.json";
import type ai from "../../messages/en/ai.json";
import type digest from "../../messages/en/digest.json";
import type billing from "../../messages/en/billing.json";
import type analytics from "../../messages/en/analytics.json";
import type { routing } from "./routing";

// English is the reference: translation keys are checked at compile time.
declare module "next-intl" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface AppConfig {
    Locale: (typeof routing.locales)[number];
    Messages: {
      common: typeof common;
      meta: typeof meta;
      shell: typeof shell;
      home: typeof home;
      auth: typeof auth;
      dashboard: typeof dashboard;
      projects: typeof projects;
      board: typeof board;
      notifications: typeof notifications;
      settings: typeof settings;
      mailbox: typeof mailbox;
      platform: typeof platform;
      invite: typeof invite;
      onboarding: typeof onboarding;
      invoices: typeof invoices;
      documents: typeof documents;
      chat: typeof chat;
      ai: typeof ai;
      digest: typeof digest;
      billing: typeof billing;
      analytics: typeof analytics;
    };
  }
}
