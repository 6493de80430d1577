"use client";

import { useMutation } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { FormError } from "~/components/forms/errors";
import { Button } from "~/components/ui";
import { toast } from "~/components/ui/toast";
import { useTRPC } from "~/trpc/react";

/**
 * For a delegate who forgot her password (no e-mail or SMS needed): the coordinator creates a
 * one-time code and hands it over in person or by phone. Shown once; never stored in clear.
 */
export function PasswordResetButton({ ollaId, membershipId, name }: { ollaId: string; membershipId: string; name: string }) {
  const t = useTranslations("coord");
  const f = useFormatter();
  const trpc = useTRPC();
  const issue = useMutation(trpc.passwordReset.issue.mutationOptions());
  const link = issue.data ? `${typeof window === "undefined" ? "" : window.location.origin}/restablecer/${issue.data.code}` : "";
  return (
    <div className="flex w-full flex-col gap-2">
      <Button
        variant="secondary"
        className="self-start"
        icon={<KeyRound aria-hidden size={18} />}
        busy={issue.isPending}
        onClick={() => {
          if (window.confirm(t("confirmReset", { name }))) issue.mutate({ ollaId, membershipId });
        }}
      >
        {t("resetPassword")}
      </Button>
      <FormError error={issue.error} />
      {issue.data && (
        <div role="status" className="notice flex flex-col gap-1" data-testid="reset-created">
          <p>{t("resetIssued", { name: issue.data.name, date: f.dateTime(issue.data.expiresAt, { dateStyle: "medium", timeStyle: "short" }) })}</p>
          <p>
            {t("resetCode")}: <strong data-testid="reset-code">{issue.data.code}</strong>
          </p>
          <p className="break-all">
            {t("resetLink")}: <a href={link}>{link}</a>
          </p>
          <Button
            variant="quiet"
            size="sm"
            className="self-start"
            onClick={() => {
              void navigator.clipboard?.writeText(link).then(() => toast(t("copied")), () => undefined);
            }}
          >
            {t("copy")}
          </Button>
        </div>
      )}
    </div>
  );
}
