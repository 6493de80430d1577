"use client";
import { useState } from "react";
import { Button } from "~/components/ui/button";

/** Fills the form's lat/lng from the phone's GPS (the delegate is usually standing in her olla). */
export function LocateButton({ label, unavailable }: { label: string; unavailable: string }) {
  const [state, setState] = useState<"idle" | "busy" | "denied">("idle");
  return (
    <div className="flex flex-col gap-1">
      <Button
        variant="secondary"
        className="self-start"
        busy={state === "busy"}
        onClick={(e) => {
          const form = e.currentTarget.form;
          if (!form || !("geolocation" in navigator)) return setState("denied");
          setState("busy");
          navigator.geolocation.getCurrentPosition(
            (pos) => {
              (form.elements.namedItem("lat") as HTMLInputElement).value = String(Math.round(pos.coords.latitude * 1e6) / 1e6);
              (form.elements.namedItem("lng") as HTMLInputElement).value = String(Math.round(pos.coords.longitude * 1e6) / 1e6);
              setState("idle");
            },
            () => setState("denied"),
            { enableHighAccuracy: true, timeout: 15_000 },
          );
        }}
      >
        {label}
      </Button>
      {state === "denied" && (
        <span role="status" className="hint">
          {unavailable}
        </span>
      )}
    </div>
  );
}
