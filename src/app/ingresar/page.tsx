import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { rscContext } from "~/server/request-context";
import { LoginForm } from "~/components/auth/login-form";
import { safeCallbackPath } from "~/server/auth/login";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("loginTitle") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const t = await getTranslations("auth");
  const sp = await searchParams;
  // Already signed in: go where the person was heading (or her home).
  if ((await rscContext()).session) redirect(safeCallbackPath(sp.callbackUrl, "/inicio"));
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("loginTitle")}</h1>
      <LoginForm callbackPath={safeCallbackPath(sp.callbackUrl, "/")} />
    </div>
  );
}
