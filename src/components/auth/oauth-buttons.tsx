import { getTranslations } from "next-intl/server";
import { signIn } from "@/server/auth";
import { oauthProviders } from "@/server/env";
import { Button } from "../ui/button";

/** Shown only for the providers whose credentials are configured. */
export async function OAuthButtons({ callbackUrl }: { callbackUrl: string }) {
  const providers = oauthProviders(process.env);
  const enabled = (["google", "github"] as const).filter((id) => providers[id]);
  if (enabled.length === 0) return null;
  const t = await getTranslations("auth");
  return (
    <div className="mt-6 space-y-2">
      <p className="text-center text-xs uppercase tracking-wide text-slate-500">{t("or")}</p>
      {enabled.map((id) => (
        <form
          key={id}
          action={async () => {
            "use server";
            await signIn(id, { redirectTo: callbackUrl });
          }}
        >
          <Button type="submit" variant="secondary" className="w-full">
            {t("continueWith", { provider: id === "google" ? "Google" : "GitHub" })}
          </Button>
        </form>
      ))}
    </div>
  );
}
