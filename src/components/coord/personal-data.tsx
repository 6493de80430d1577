"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDeferredValue, useEffect, useRef, useState } from "react";
import { FormError, fieldError } from "~/components/forms/errors";
import { Badge, Button, Card, EmptyState, Input, SkeletonCard } from "~/components/ui";
import { toast } from "~/components/ui/toast";
import { RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN, type PersonKind } from "~/shared/personal-data";
import { useTRPC } from "~/trpc/react";

interface Person {
  kind: PersonKind;
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  erasedAt: Date | null;
  active: boolean;
  ollas: string[];
}

/** Ley 29733 on a coordinator's phone: find a person in her scope, correct or erase her data. */
export function PersonalDataManager() {
  const t = useTranslations("personalData");
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const [q, setQ] = useState("");
  const dq = useDeferredValue(q.trim());
  const list = useQuery({ ...trpc.personalData.list.queryOptions({ q: dq || undefined, limit: 30 }), placeholderData: keepPreviousData });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <div role="search">
        <Input label={t("searchLabel")} type="search" value={q} placeholder={t("searchPlaceholder")} maxLength={120} onChange={(e) => setQ(e.target.value)} data-testid="pd-search" />
      </div>
      {list.isError && <FormError error={list.error} />}
      <p role="status" data-testid="pd-count">
        {list.data ? t("results", { count: list.data.length }) : ""}
      </p>
      {list.isPending && <SkeletonCard />}
      {list.data?.length === 0 && <EmptyState title={t("empty")} />}
      {list.data && list.data.length > 0 && (
        <ul className="flex flex-col gap-3">
          {list.data.map((p) => (
            <PersonCard key={`${p.kind}:${p.id}`} person={p} />
          ))}
        </ul>
      )}
      {me.data?.city && <RetentionSetting />}
    </div>
  );
}

function PersonCard({ person }: { person: Person }) {
  const t = useTranslations("personalData");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [mode, setMode] = useState<"view" | "correct" | "confirm">("view");
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.personalData.list.queryKey() });
  const correct = useMutation(
    trpc.personalData.correct.mutationOptions({
      onSuccess: async () => {
        toast(t("corrected"));
        setMode("view");
        await refresh();
      },
    }),
  );
  const erase = useMutation(
    trpc.personalData.erase.mutationOptions({
      onSuccess: async () => {
        toast(t("erasedDone"));
        setMode("view");
        await refresh();
      },
    }),
  );
  const erased = person.erasedAt != null;
  const shownName = erased ? t("erasedName") : (person.name ?? "");
  const cardId = `pd-${person.kind}-${person.id}`;
  return (
    <Card as="li" className="flex flex-col gap-2">
      <div data-testid="pd-person" className="flex flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id={`${cardId}-name`} className="text-lg font-semibold break-words">
            {shownName}
          </h2>
          <Badge tone="info">{t(`kind.${person.kind}`)}</Badge>
          <Badge tone={erased ? "danger" : person.active ? "success" : "neutral"}>{t(erased ? "status.erased" : person.active ? "status.active" : "status.left")}</Badge>
        </div>
        {!erased && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-muted">{t("fields.phone")}</dt>
            <dd>{person.phone ?? t("noPhone")}</dd>
            {person.email && (
              <>
                <dt className="text-muted">{t("fields.email")}</dt>
                <dd className="break-all">{person.email}</dd>
              </>
            )}
            {person.ollas.length > 0 && (
              <>
                <dt className="text-muted">{t("fields.ollas")}</dt>
                <dd>{person.ollas.join(", ")}</dd>
              </>
            )}
          </dl>
        )}
      </div>
      {!erased && mode === "view" && (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => (correct.reset(), setMode("correct"))}>
            {t("correct")}
          </Button>
          <Button variant="danger" onClick={() => (erase.reset(), setMode("confirm"))}>
            {t("erase")}
          </Button>
        </div>
      )}
      {mode === "correct" && (
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            const name = String(f.get("name") ?? "").trim();
            const phone = String(f.get("phone") ?? "").trim();
            correct.mutate({
              kind: person.kind,
              id: person.id,
              ...(name !== (person.name ?? "") ? { name } : {}),
              ...(phone !== (person.phone ?? "") ? { phone: phone === "" ? null : phone } : {}),
            });
          }}
        >
          <Input label={t("fields.name")} name="name" defaultValue={person.name ?? ""} maxLength={120} autoComplete="off" error={fieldError(correct.error, "name")} />
          <Input label={t("fields.phone")} name="phone" type="tel" inputMode="tel" defaultValue={person.phone ?? ""} autoComplete="off" hint={t("phoneHint")} error={fieldError(correct.error, "phone")} />
          {correct.error && !fieldError(correct.error, "name") && !fieldError(correct.error, "phone") && <FormError error={correct.error} />}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" busy={correct.isPending}>
              {t("save")}
            </Button>
            <Button variant="quiet" onClick={() => setMode("view")}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      )}
      {mode === "confirm" && <ConfirmErase name={shownName} busy={erase.isPending} error={erase.error} onCancel={() => setMode("view")} onConfirm={() => erase.mutate({ kind: person.kind, id: person.id })} />}
    </Card>
  );
}

/** Erasing cannot be undone: a second, explicit step that says what goes and what stays. */
function ConfirmErase({ name, busy, error, onCancel, onConfirm }: { name: string; busy: boolean; error: unknown; onCancel: () => void; onConfirm: () => void }) {
  const t = useTranslations("personalData");
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useRef(`confirm-${Math.random().toString(36).slice(2)}`).current;
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div role="alertdialog" aria-labelledby={`${id}-t`} aria-describedby={`${id}-b`} className="flex flex-col gap-2 rounded-lg border border-danger p-3">
      <h3 id={`${id}-t`} className="font-semibold">
        {t("confirmTitle", { name })}
      </h3>
      <p id={`${id}-b`}>{t("confirmBody")}</p>
      {error ? <FormError error={error} /> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" busy={busy} onClick={onConfirm}>
          {t("confirmErase")}
        </Button>
        <Button ref={cancelRef} variant="quiet" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </div>
  );
}

/** The city sets how long the data of people who left is kept. */
function RetentionSetting() {
  const t = useTranslations("personalData.retention");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const settings = useQuery(trpc.settings.get.queryOptions());
  const save = useMutation(
    trpc.settings.updateRetention.mutationOptions({
      onSuccess: async () => {
        toast(t("saved"));
        await qc.invalidateQueries({ queryKey: trpc.settings.get.queryKey() });
      },
    }),
  );
  if (!settings.data) return null;
  const s = settings.data;
  return (
    <Card as="section" title={t("title")}>
      <p className="mb-3">{t("current", { months: s.personalDataRetentionMonths })}</p>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const months = Number(new FormData(e.currentTarget).get("months"));
          save.mutate({ version: s.version, personalDataRetentionMonths: months });
        }}
      >
        <Input
          label={t("label")}
          name="months"
          type="number"
          inputMode="numeric"
          min={RETENTION_MONTHS_MIN}
          max={RETENTION_MONTHS_MAX}
          required
          defaultValue={s.personalDataRetentionMonths}
          key={s.version}
          hint={t("hint")}
          error={fieldError(save.error, "personalDataRetentionMonths")}
        />
        {save.error && !fieldError(save.error, "personalDataRetentionMonths") && <FormError error={save.error} />}
        <Button type="submit" busy={save.isPending} className="self-start">
          {t("save")}
        </Button>
      </form>
    </Card>
  );
}
