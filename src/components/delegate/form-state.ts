/** What a delegate form's server action answers (also the state before any submit). */
export interface DelegateFormState {
  status: "idle" | "ok" | "error";
  /** The idempotency key for the next submit: the same after a failure (nothing was applied), a new one after a success. */
  key: string;
  message?: string;
  /** Messages by form control name. */
  fieldErrors?: Record<string, string>;
  /** What she had typed, given back with an error. */
  values?: Record<string, string | string[]>;
  at?: number;
}

export type DelegateAction = (prev: DelegateFormState, fd: FormData) => Promise<DelegateFormState>;
