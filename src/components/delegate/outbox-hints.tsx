"use client";
/**
 * What her outbox changes about the entry and exit forms, loaded after the page (React.lazy; their
 * code is outbox-form-hints.tsx, not the page's first-load JavaScript — all three only act once the
 * page is interactive): PendingForChosenItem, LazyOutboxDefaults, LazyPendingExitOptions.
 */
import { lazy, Suspense, type ComponentProps } from "react";
import { ChunkBoundary } from "./chunk-boundary";

const load = () => import("./outbox-form-hints");
const OutboxDefaults = lazy(() => load().then((m) => ({ default: m.OutboxDefaults })));
const PendingExitOptions = lazy(() => load().then((m) => ({ default: m.PendingExitOptions })));
const ChosenItem = lazy(() => load().then((m) => ({ default: m.PendingForChosenItem })));

/** Under the item select of an entry or exit: the chosen item's queued quantity ("+15 kg por enviar"). */
export function PendingForChosenItem(props: ComponentProps<typeof ChosenItem>) {
  return (
    <ChunkBoundary fallback={null}>
      <Suspense fallback={null}>
        <ChosenItem {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}

export function LazyOutboxDefaults(props: ComponentProps<typeof OutboxDefaults>) {
  return (
    <ChunkBoundary fallback={null}>
      <Suspense fallback={null}>
        <OutboxDefaults {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}

export function LazyPendingExitOptions(props: ComponentProps<typeof PendingExitOptions>) {
  return (
    <ChunkBoundary fallback={null}>
      <Suspense fallback={null}>
        <PendingExitOptions {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}
