import { getTranslations } from "next-intl/server";
import { LoginForm } from "~/components/auth/login-form";
import { safeCallbackPath } from "~/server/auth/login";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("loginTitle") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const t = await getTranslations("auth");
  const sp = await searchParams;
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("loginTitle")}</h1>
      <LoginForm callbackPath={safeCallbackPath(sp.callbackUrl, "/")} />
    </div>
  );
}
