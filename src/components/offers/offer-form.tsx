"use client";
/**
 * The public offer form. Server-rendered with every field; the only script it needs is the
 * proof of work (altcha-lib's v1 solver, SHA-256 in the phone's own crypto, ~25k hashes on
 * average: no CAPTCHA, no outside service). Solving starts when the page is interactive, so it
 * is usually done before she has typed her name; a submit before that waits for it.
 *
 * It posts to a server action: the offer is made through the same tRPC procedure as the API.
 * The form's key is rendered by the server and kept across refusals, so a retried submit
 * makes the offer once. Strings come as props (public pages ship no i18n client provider).
 */
import { solveChallenge } from "altcha-lib/v1";
import { useActionState, useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { Input, Select, Textarea } from "~/components/ui/field";
import type { OfferFormState, PowChallenge } from "./offer-form-state";

type Action = (prev: OfferFormState, fd: FormData) => Promise<OfferFormState>;

export interface OfferFormLabels {
  what: string;
  whatHint: string;
  fixedWhat?: string;
  quantity: string;
  availableOn: string;
  deliveryMode: string;
  supporterName: string;
  supporterKind: string;
  contact: string;
  contactHint: string;
  message: string;
  thankByName: string;
  honeypot: string;
  submit: string;
  sending: string;
  solving: string;
  powFailed: string;
}

function payloadOf(c: PowChallenge, n: number): string {
  const json = JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: n, salt: c.salt, signature: c.signature });
  return btoa(json);
}

export function OfferForm({
  action,
  needId,
  formKey,
  challenge,
  labels,
  itemNamed,
  today,
  maxDate,
  kinds,
  modes,
  noScript,
}: {
  action: Action;
  needId: string;
  formKey: string;
  challenge: PowChallenge;
  labels: OfferFormLabels;
  /** The need names an item: "what" is that item and the quantity is required, in its unit. */
  itemNamed: boolean;
  today: string;
  maxDate: string;
  kinds: { value: string; label: string }[];
  modes: { value: string; label: string }[];
  noScript: ReactNode;
}) {
  const [state, formAction, pending] = useActionState<OfferFormState, FormData>(action, { status: "idle", formKey, challenge });
  const [solution, setSolution] = useState<string>("");
  const [powError, setPowError] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // Solve the current challenge (the first one, then the fresh one each refusal brings).
  const current = state.challenge;
  useEffect(() => {
    setSolution("");
    setPowError(false);
    const { promise, controller } = solveChallenge(current.challenge, current.salt, current.algorithm, current.maxnumber);
    promise
      .then((s) => {
        if (s) setSolution(payloadOf(current, s.number));
        else if (!controller.signal.aborted) setPowError(true);
      })
      .catch(() => setPowError(true));
    return () => controller.abort();
  }, [current]);

  // Submitted before the proof was ready: send as soon as it is.
  useEffect(() => {
    if (waiting && solution) {
      setWaiting(false);
      formRef.current?.requestSubmit();
    }
  }, [waiting, solution]);

  // After a refusal the form is drawn again with her values; focus the first field in error, or the message.
  useEffect(() => {
    if (state.status !== "error") return;
    const bad = formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]") ?? formRef.current?.querySelector<HTMLElement>("[data-testid=offer-error]");
    bad?.focus();
  }, [state]);

  const v = (n: string) => {
    const x = state.values?.[n];
    return Array.isArray(x) ? x[0] : x;
  };
  const err = state.fieldErrors ?? {};
  const busy = pending || waiting;

  return (
    <form
      key={state.at ?? 0}
      ref={formRef}
      action={formAction}
      noValidate
      onSubmit={(e) => {
        if (!solution && !powError) {
          e.preventDefault();
          setWaiting(true);
        }
      }}
      className="flex flex-col gap-3"
      data-testid="offer-form"
    >
      <noscript>
        <p className="notice">{noScript}</p>
      </noscript>
      <input type="hidden" name="needId" value={needId} />
      <input type="hidden" name="formKey" value={state.formKey} />
      <input type="hidden" name="altcha" value={solution} />
      {state.status === "error" && state.message && (
        <p role="alert" className="alert" tabIndex={-1} data-testid="offer-error" data-limited={state.limited ? "" : undefined}>
          {state.message}
        </p>
      )}
      {powError && (
        <p role="alert" className="alert">
          {labels.powFailed}
        </p>
      )}
      {itemNamed ? (
        <p className="font-semibold" data-testid="offer-what">
          {labels.fixedWhat}
        </p>
      ) : (
        <Input name="what" label={labels.what} hint={labels.whatHint} maxLength={120} required defaultValue={v("what")} error={err.what} />
      )}
      <Input
        name="quantity"
        label={labels.quantity}
        inputMode="decimal"
        autoComplete="off"
        required={itemNamed}
        defaultValue={v("quantity")}
        error={err.quantity}
      />
      <Input name="availableOn" type="date" label={labels.availableOn} min={today} max={maxDate} defaultValue={v("availableOn") ?? today} required error={err.availableOn} />
      <Select name="deliveryMode" label={labels.deliveryMode} defaultValue={v("deliveryMode") ?? modes[0]?.value} error={err.deliveryMode}>
        {modes.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </Select>
      <Input name="supporterName" label={labels.supporterName} autoComplete="name" maxLength={120} required defaultValue={v("supporterName")} error={err.supporterName} />
      <Select name="supporterKind" label={labels.supporterKind} defaultValue={v("supporterKind") ?? kinds[0]?.value} error={err.supporterKind}>
        {kinds.map((k) => (
          <option key={k.value} value={k.value}>
            {k.label}
          </option>
        ))}
      </Select>
      <Input name="contact" label={labels.contact} hint={labels.contactHint} autoComplete="tel" maxLength={254} required defaultValue={v("contact")} error={err.contact} />
      <Textarea name="message" label={labels.message} rows={3} maxLength={500} defaultValue={v("message")} error={err.message} />
      <label className="flex min-h-tap items-center gap-2">
        <input type="checkbox" name="thankByName" className="size-5 shrink-0" defaultChecked={v("thankByName") === "on"} />
        {labels.thankByName}
      </label>
      {/* A person never sees this field; a form-filling robot fills it in and is refused. */}
      <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label>
          {labels.honeypot}
          <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>
      <Button type="submit" block busy={busy} data-testid="offer-submit">
        {waiting ? labels.solving : pending ? labels.sending : labels.submit}
      </Button>
      {waiting && (
        <p role="status" className="hint">
          {labels.solving}
        </p>
      )}
    </form>
  );
}
