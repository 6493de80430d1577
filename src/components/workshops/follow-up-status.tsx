"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FOLLOW_UP_STATUSES, type FollowUpStatus } from "~/shared/posts";
import { useTRPC } from "~/trpc/react";

/** The coordination changes a follow-up's status (pending, done, dropped); the list reloads from the server. */
export function FollowUpStatusSelect({ followUpId, status, what }: { followUpId: string; status: FollowUpStatus; what: string }) {
  const t = useTranslations("workshops");
  const trpc = useTRPC();
  const router = useRouter();
  const [value, setValue] = useState(status);
  const set = useMutation(trpc.workshop.setFollowUpStatus.mutationOptions({ onSuccess: () => router.refresh(), onError: () => setValue(status) }));
  const id = `fu-status-${followUpId}`;
  return (
    <span className="flex flex-col gap-1">
      <label htmlFor={id} className="sr-only">
        {t("coord.setStatus", { what })}
      </label>
      <select
        id={id}
        className="input"
        value={value}
        disabled={set.isPending}
        aria-invalid={set.error ? true : undefined}
        aria-describedby={set.error ? `${id}-error` : undefined}
        onChange={(e) => {
          const next = e.target.value as FollowUpStatus;
          setValue(next);
          set.mutate({ followUpId, status: next });
        }}
        data-testid="follow-up-status"
      >
        {FOLLOW_UP_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`home.status.${s}`)}
          </option>
        ))}
      </select>
      {set.error && (
        <span id={`${id}-error`} className="error" role="alert">
          {set.error.message}
        </span>
      )}
    </span>
  );
}
