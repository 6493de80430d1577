"use client";

import Form from "next/form";
import type { ReactNode } from "react";

/**
 * A dashboard's GET form (filters, the category of a section): choosing in a list shows the
 * result at once (a soft navigation that keeps the scroll), and without JavaScript its submit
 * button does the same with a page load. The page renders the answer on the server.
 */
export function AutoSubmitForm({ action, label, className, children }: { action: string; label: string; className?: string; children: ReactNode }) {
  return (
    <Form
      action={action}
      prefetch={false}
      replace
      scroll={false}
      aria-label={label}
      className={className}
      onChange={(e) => {
        if (e.target instanceof HTMLSelectElement) e.currentTarget.requestSubmit();
      }}
    >
      {children}
    </Form>
  );
}
