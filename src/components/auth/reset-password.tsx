"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { fieldError, FormError } from "~/components/forms/errors";
import { Button, ButtonLink, Card, Input, SkeletonText } from "~/components/ui";
import { useTRPC, withTRPC } from "~/trpc/react";

/** The delegate sets a new password with the one-time code her coordinator gave her. */
function ResetPasswordInner({ code }: { code: string }) {
  const t = useTranslations("reset");
  const f = useFormatter();
  const trpc = useTRPC();
  const preview = useQuery({ ...trpc.passwordReset.preview.queryOptions({ code }), retry: false });
  const redeem = useMutation(trpc.passwordReset.redeem.mutationOptions());
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);
  if (preview.isPending) return <SkeletonText lines={3} />;
  if (preview.isError) {
    return (
      <Card className="mx-auto flex max-w-md flex-col gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <FormError error={preview.error} />
        <p>{t("help")}</p>
      </Card>
    );
  }
  if (redeem.data) {
    return (
      <Card className="mx-auto flex max-w-md flex-col gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p role="status" className="notice">
          {t("done")}
        </p>
        <ButtonLink href="/ingresar" className="self-start">
          {t("goLogin")}
        </ButtonLink>
      </Card>
    );
  }
  return (
    <Card className="mx-auto max-w-md">
      <form
        noValidate
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (password !== confirm) return setMismatch(true);
          setMismatch(false);
          redeem.mutate({ code, password });
        }}
      >
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p>{t("for", { olla: preview.data.ollaName, date: f.dateTime(preview.data.expiresAt, { dateStyle: "medium", timeStyle: "short" }) })}</p>
        <Input
          label={t("password")}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          maxLength={200}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(redeem.error, "password")}
        />
        <Input
          label={t("confirm")}
          name="confirm"
          type="password"
          autoComplete="new-password"
          maxLength={200}
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={mismatch ? t("mismatch") : undefined}
        />
        <FormError error={redeem.error} />
        <Button type="submit" busy={redeem.isPending} className="self-start">
          {t("submit")}
        </Button>
      </form>
    </Card>
  );
}

/** With its own tRPC provider: its page renders on the server and has no HydrateClient. */
export const ResetPassword = withTRPC(ResetPasswordInner);
