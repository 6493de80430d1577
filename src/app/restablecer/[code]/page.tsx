import { getTranslations } from "next-intl/server";
import { ResetPassword } from "~/components/auth/reset-password";

export async function generateMetadata() {
  const t = await getTranslations("reset");
  return { title: t("title") };
}

export default async function ResetPasswordPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  let decoded = code;
  try {
    decoded = decodeURIComponent(code);
  } catch {
    /* a malformed escape: the code as typed, which the server refuses as unknown */
  }
  return <ResetPassword code={decoded.slice(0, 40)} />;
}
