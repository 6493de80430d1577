import { getTranslations } from "next-intl/server";
import { recordEntryAction, recordExitAction } from "~/app/mi-olla/actions";
import { addDays, limaToday } from "~/shared/lima-day";
import { NEW_SOURCE } from "~/shared/delegate-forms";
import { EXIT_REASONS, INSTITUTIONAL_SOURCE_TYPES, SOURCE_TYPES, STOCK_UNITS } from "~/shared/stock";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { DelegateForm, FormChoices, FormInput, FormSelect, FormTextarea, SubmitButton, type Option } from "./form";
import { LazyOutboxDefaults, LazyPendingExitOptions, PendingForChosenItem } from "./outbox-hints";
import { delegatePage, formKey, stockWords } from "./server";
import { UUID } from "~/shared/uuid";

/**
 * An entry or an exit, as few taps as possible: the item comes chosen from the home's quick
 * buttons, the source defaults to the last one she used (the institution included; her entries still
 * queued on the phone count, once the page is interactive), the date to
 * today, the reason of an exit to "cocinado". Server-rendered; the form works before the page's
 * JavaScript has loaded.
 */
export async function MovementFormPage({ ollaId, kind, item }: { ollaId: string; kind: "entry" | "exit"; item?: string }) {
  const path = `/mi-olla/${ollaId}/almacen/${kind === "entry" ? "entrada" : "salida"}`;
  const { caller, canEdit } = await delegatePage(ollaId, path);
  const [catalogue, levels, history, sources] = await Promise.all([
    caller.stock.catalogue({ ollaId }),
    caller.stock.levels({ ollaId }),
    kind === "entry" ? caller.stock.movements({ ollaId, limit: 30 }) : Promise.resolve([]),
    kind === "entry" ? caller.stock.sources({ ollaId }) : Promise.resolve([]),
  ]);
  const w = await stockWords();
  const t = await getTranslations("delegate");
  const tc = await getTranslations("common");
  const balances = new Map(levels.items.map((l) => [l.itemId, l.balance]));
  const chosen = item && UUID.test(item) ? catalogue.find((i) => i.id === item) : undefined;
  // An exit is only possible from what is on hand: items with nothing are hidden, and shown once
  // the page is interactive when her queued entries bring some (PendingExitOptions).
  const empty = (id: string) => kind === "exit" && (balances.get(id) ?? 0) <= 0 && id !== chosen?.id;
  const itemOptions: Option[] = catalogue.map((i) => ({
    value: `${i.id}:${i.unit}`,
    label: `${w.label(i)} (${w.qty(balances.get(i.id) ?? 0, i.unit)})`,
    ...(empty(i.id) ? { tag: "empty", hidden: true } : {}),
  }));

  // Where it came from: her own means, or an institution of the network's list — one control, defaulting to her last entry's.
  const lastIn = history.find((m) => m.direction === "in" && m.sourceType && !m.reversesId && !m.transferId);
  const sourceOptions: Option[] = [];
  for (const type of SOURCE_TYPES) {
    if (!INSTITUTIONAL_SOURCE_TYPES.includes(type)) {
      sourceOptions.push({ value: type, label: w.t(`sourceType.${type}`) });
      continue;
    }
    for (const s of sources.filter((x) => x.type === type)) sourceOptions.push({ value: `${type}:${s.id}`, label: `${w.t(`sourceType.${type}`)}: ${s.name}` });
    sourceOptions.push({ value: `${type}:${NEW_SOURCE}`, label: `${w.t(`sourceType.${type}`)}: ${w.t("fields.newSourceOption")}`, tag: "new" });
  }
  const lastSource = lastIn ? (lastIn.sourceId ? `${lastIn.sourceType}:${lastIn.sourceId}` : lastIn.sourceType!) : "purchase";
  const defaultSource = sourceOptions.some((o) => o.value === lastSource) ? lastSource : "purchase";
  // Her entries still in her phone's outbox are newer than this one: once interactive, the form takes theirs (OutboxDefaults).
  const lastInAt = lastIn ? new Date(lastIn.createdAt).getTime() : 0;
  const unitLabels = Object.fromEntries(STOCK_UNITS.map((u) => [u, w.unit(u)]));
  const today = limaToday();

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{kind === "entry" ? w.t("entryTitle") : w.t("exitTitle")}</h1>
      {!canEdit ? (
        <p>{tc("none")}</p>
      ) : (
        <Card>
          <DelegateForm
            action={kind === "entry" ? recordEntryAction : recordExitAction}
            procedure={kind === "entry" ? "stock.recordEntry" : "stock.recordExit"}
            ollaId={ollaId}
            initialKey={formKey()}
            title={kind === "entry" ? w.t("in") : w.t("out")}
            savedMessage={t(kind === "entry" ? "saved.stock_recordEntry" : "saved.stock_recordExit")}
            testId="movement-form"
          >
            <FormSelect
              name="item"
              label={w.t("fields.item")}
              options={itemOptions}
              placeholder={w.t("fields.chooseItem")}
              defaultValue={chosen ? `${chosen.id}:${chosen.unit}` : ""}
              summary
            />
            <PendingForChosenItem name="item" unitLabels={unitLabels} />
            {kind === "exit" && <LazyPendingExitOptions name="item" unitLabels={unitLabels} />}
            <FormInput name="quantity" label={w.t("fields.quantity")} inputMode="decimal" autoComplete="off" summary required />
            {kind === "entry" ? (
              <div className="group/src flex flex-col gap-3">
                <FormSelect name="source" label={w.t("fields.sourceType")} options={sourceOptions} defaultValue={defaultSource} summary />
                <LazyOutboxDefaults procedure="stock.recordEntry" fields={["source", "newSourceName"]} since={lastInAt} />
                {/* Shown when "Otra…" is chosen: CSS only, so it works before the page is interactive. */}
                <div className="hidden group-has-[option[data-tag=new]:checked]/src:flex flex-col">
                  <FormInput name="newSourceName" label={w.t("fields.newSource")} maxLength={120} />
                </div>
              </div>
            ) : (
              <FormChoices
                name="reason"
                legend={w.t("fields.reason")}
                options={EXIT_REASONS.map((r) => ({ value: r, label: w.t(`exitReason.${r}`) }))}
                defaultValue="cooked"
                columns={3}
                summary
              />
            )}
            <FormInput name="occurredOn" type="date" label={w.t("fields.date")} defaultValue={today} max={addDays(today, 1)} />
            {kind === "entry" && (
              <details className="flex flex-col gap-3">
                <summary className="min-h-tap cursor-pointer py-2.5 font-semibold">
                  {w.t("fields.value")} · {w.t("fields.expiresOn")}
                </summary>
                <div className="flex flex-col gap-3">
                  <FormInput name="value" label={w.t("fields.value")} inputMode="decimal" autoComplete="off" hint={w.t("fields.valueHint")} />
                  <FormInput name="expiresOn" type="date" label={w.t("fields.expiresOn")} />
                </div>
              </details>
            )}
            <FormTextarea name="note" label={w.t("fields.note")} rows={2} maxLength={300} />
            <SubmitButton block pendingLabel={tc("saving")} data-testid="save-movement">
              {kind === "entry" ? w.t("saveEntry") : w.t("saveExit")}
            </SubmitButton>
          </DelegateForm>
        </Card>
      )}
      <ButtonLink href={`/mi-olla/${ollaId}/almacen`} variant="quiet" className="self-start">
        ← {w.t("backToStock")}
      </ButtonLink>
    </div>
  );
}
