import { Minus, Plus } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { acceptTransferAction, addItemAction, cancelTransferAction, declineTransferAction, reverseMovementAction } from "~/app/mi-olla/actions";
import { DelegateForm, FormInput, FormSelect, SubmitButton } from "~/components/delegate/form";
import { delegatePage, formKey, stockWords } from "~/components/delegate/server";
import { PendingBalance } from "~/components/delegate/shell";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { STOCK_UNITS } from "~/shared/stock";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("stock"))("title") };
}

const PAGE = 20;

/** The almacén: balances (with her changes still to send), transfers, the ledger with reversal, her own items. */
export default async function StockRoute({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ antes?: string }> }) {
  const { id } = await params;
  const { antes } = await searchParams;
  const base = `/mi-olla/${id}`;
  const { caller, canEdit } = await delegatePage(id, `${base}/almacen`);
  const cursor = antes && /^\d{1,15}$/.test(antes) ? Number(antes) : undefined;
  const [levels, transfers, history] = await Promise.all([
    caller.stock.levels({ ollaId: id }),
    caller.transfer.list({ ollaId: id }),
    caller.stock.movements({ ollaId: id, limit: PAGE, cursor }),
  ]);
  const w = await stockWords();
  const t = await getTranslations("delegate");
  const tt = await getTranslations("transfers");
  const tc = await getTranslations("common");
  const items = levels.items;

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{w.t("title")}</h1>
      {canEdit && (
        <nav className="grid grid-cols-2 gap-2" aria-label={w.t("title")}>
          <ButtonLink href={`${base}/almacen/entrada`} icon={<Plus aria-hidden="true" size={18} />}>
            {w.t("recordEntry")}
          </ButtonLink>
          <ButtonLink href={`${base}/almacen/salida`} variant="secondary" icon={<Minus aria-hidden="true" size={18} />}>
            {w.t("recordExit")}
          </ButtonLink>
        </nav>
      )}

      <Card as="section" title={w.t("balance")}>
        <p className="hint mb-2">{w.t("daysHint")}</p>
        {items.length === 0 ? (
          <EmptyState title={w.t("noStock")} />
        ) : (
          <ul className="flex flex-col divide-y divide-stone-200">
            {items.map((i) => (
              <li key={i.itemId} className="flex flex-col gap-1 py-2" data-testid={`stock-${i.code ?? i.itemId}`}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-semibold">
                    {w.label(i)}
                    {i.staple && (
                      <Badge className="ml-2" tone="brand">
                        {w.t("staple")}
                      </Badge>
                    )}
                  </span>
                  <span className="font-semibold" data-testid="balance">
                    {w.qty(i.balance, i.unit)}
                  </span>
                </div>
                <PendingBalance itemId={i.itemId} unitLabel={w.unit(i.unit)} />
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="hint" data-testid="days-left">
                    {i.daysLeft === null ? w.t("daysUnknown") : w.t("daysLeft", { days: i.daysLeft })}
                  </span>
                  {canEdit && (
                    <span className="flex gap-2">
                      <ButtonLink size="sm" href={`${base}/almacen/entrada?item=${i.itemId}`} aria-label={`${w.t("recordEntry")}: ${w.label(i)}`} icon={<Plus aria-hidden="true" size={16} />}>
                        {w.t("in")}
                      </ButtonLink>
                      {i.balance > 0 && (
                        <ButtonLink size="sm" variant="secondary" href={`${base}/almacen/salida?item=${i.itemId}`} aria-label={`${w.t("recordExit")}: ${w.label(i)}`} icon={<Minus aria-hidden="true" size={16} />}>
                          {w.t("out")}
                        </ButtonLink>
                      )}
                    </span>
                  )}
                </div>
                {i.warnings.length > 0 && (
                  <ul className="flex flex-wrap gap-2" data-testid="warnings">
                    {i.warnings.map((x, k) => (
                      <li key={k}>
                        <Badge tone={x.kind === "out" || x.kind === "expired" ? "level-0" : "level-1"}>{w.warning(x, i.unit)}</Badge>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      {transfers.length > 0 && (
        <Card as="section" title={tt("title")}>
          <ul className="flex flex-col divide-y divide-stone-200">
            {transfers.slice(0, 10).map((x) => (
              <li key={x.id} className="flex flex-col gap-2 py-2" data-testid="transfer">
                <span>
                  <strong>{x.incoming ? tt("incoming") : tt("outgoing")}:</strong> {w.qty(x.quantity, x.unit)} {w.label({ code: x.itemCode, name: x.itemName })} ·{" "}
                  {x.incoming ? tt("from", { olla: x.fromOllaName }) : tt("to", { olla: x.toOllaName })}
                </span>
                {x.note && <span className="hint">{x.note}</span>}
                <span className="flex flex-wrap items-center gap-2">
                  <Badge>{tt(`status.${x.status}`)}</Badge>
                  {canEdit &&
                    x.status === "offered" &&
                    (x.incoming
                      ? ([
                          [acceptTransferAction, "transfer.accept", tt("accept"), "primary"],
                          [declineTransferAction, "transfer.decline", tt("decline"), "secondary"],
                        ] as const)
                      : ([[cancelTransferAction, "transfer.cancel", tt("cancel"), "secondary"]] as const)
                    ).map(([action, procedure, label, variant]) => (
                      <DelegateForm key={procedure} action={action} procedure={procedure} ollaId={id} initialKey={formKey()} title={label} savedMessage={t(`saved.${procedure.replace(".", "_") as "transfer_accept"}`)} editable={false}>
                        <input type="hidden" name="transferId" value={x.id} />
                        <SubmitButton variant={variant}>{label}</SubmitButton>
                      </DelegateForm>
                    ))}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}

      <Card as="section" title={w.t("history")}>
        {history.length === 0 ? (
          <p>{w.t("noHistory")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-stone-200">
            {history.map((m) => {
              const why = m.reversesId
                ? w.t("reversal", { id: m.reversesId })
                : m.transferId
                  ? `${w.t("exitReason.transferred")}${m.counterpartOllaName ? `: ${m.counterpartOllaName}` : ""}`
                  : m.direction === "in"
                    ? `${m.sourceType ? w.t(`sourceType.${m.sourceType}`) : ""}${m.sourceName ? `: ${m.sourceName}` : ""}`
                    : m.exitReason
                      ? w.t(`exitReason.${m.exitReason}`)
                      : "";
              const reversed = m.reversedById !== null;
              const reversible = canEdit && !reversed && !m.reversesId && !m.transferId;
              const line = w.t("movementLine", { direction: m.direction === "in" ? w.t("in") : w.t("out"), quantity: w.num(m.quantity), unit: w.unit(m.unit), item: w.label({ code: m.itemCode, name: m.itemName }) });
              return (
                <li key={m.id} className="flex flex-col gap-1 py-2" data-testid="movement">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <span className={reversed ? "line-through" : undefined}>
                      <span className="hint">
                        #{m.id} · {w.day(m.occurredOn)} ·{" "}
                      </span>
                      {line}
                    </span>
                    {reversed && <Badge tone="level-0">{w.t("reversed")}</Badge>}
                  </div>
                  {why && <span className="hint">{why}</span>}
                  {reversible && (
                    <details>
                      <summary className="btn btn-quiet btn-sm cursor-pointer">
                        {w.t("reverse")} #{m.id}
                      </summary>
                      <div className="mt-2 rounded-[var(--radius-control)] bg-stone-50 p-2">
                        <DelegateForm action={reverseMovementAction} procedure="stock.reverse" ollaId={id} initialKey={formKey()} title={`${w.t("reverse")} #${m.id}`} savedMessage={t("saved.stock_reverse")} editable={false}>
                          <p>{w.t("confirmReverse")}</p>
                          <input type="hidden" name="movementId" value={m.id} />
                          <input type="hidden" name="line" value={line} data-summary="" />
                          <SubmitButton variant="danger" className="self-start">
                            {w.t("confirmReverseYes")}
                          </SubmitButton>
                        </DelegateForm>
                      </div>
                    </details>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {history.length === PAGE && (
          <Link prefetch={false} href={`${base}/almacen?antes=${history[history.length - 1]!.id}`} className="btn btn-secondary mt-2">
            {w.t("moreHistory")}
          </Link>
        )}
      </Card>

      {canEdit && (
        <details className="card">
          <summary className="min-h-tap cursor-pointer py-2.5 font-semibold">{w.t("addItem")}</summary>
          <DelegateForm action={addItemAction} procedure="stock.addItem" ollaId={id} initialKey={formKey()} title={w.t("addItem")} savedMessage={t("saved.stock_addItem")} className="mt-2">
            <p className="hint">{w.t("addItemHint")}</p>
            <FormInput name="name" label={w.t("itemName")} maxLength={60} summary />
            <FormSelect name="unit" label={w.t("fields.unit")} options={STOCK_UNITS.map((u) => ({ value: u, label: w.unit(u) }))} defaultValue="kg" />
            <FormInput name="kgPerUnit" label={w.t("kgPerUnit")} inputMode="decimal" defaultValue="1" />
            <SubmitButton className="self-start" pendingLabel={tc("saving")}>
              {tc("save")}
            </SubmitButton>
          </DelegateForm>
        </details>
      )}
    </div>
  );
}
