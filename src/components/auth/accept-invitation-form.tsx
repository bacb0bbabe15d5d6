"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { acceptInvitationAction, type AcceptState } from "@/app/[locale]/invite/actions";
import { Button } from "../ui/button";

export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations("invite");
  const [state, action, pending] = useActionState<AcceptState, FormData>(acceptInvitationAction, {});
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("joining") : t("accept")}
      </Button>
    </form>
  );
}
