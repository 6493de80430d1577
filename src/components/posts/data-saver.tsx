import "server-only";
import { cookies, headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { toggleDataSaver } from "~/app/novedades/actions";

const COOKIE = "ollas-ahorro";

/** Data saver: her own choice (cookie), else the browser's Save-Data header. */
export async function dataSaverOn(): Promise<boolean> {
  const c = (await cookies()).get(COOKIE)?.value;
  if (c === "1") return true;
  if (c === "0") return false;
  return (await headers()).get("save-data") === "on";
}

/** One button that turns data saver on or off (a form post: works without JavaScript). */
export async function DataSaverToggle({ on }: { on: boolean }) {
  const t = await getTranslations("posts.feed");
  return (
    <form action={toggleDataSaver} className="flex flex-wrap items-center gap-2 text-sm">
      <input type="hidden" name="on" value={on ? "0" : "1"} />
      <span>{on ? t("dataSaverOn") : ""}</span>
      <button type="submit" className="inline-flex min-h-tap items-center underline" data-testid="data-saver">
        {on ? t("turnOffSaver") : t("turnOnSaver")}
      </button>
    </form>
  );
}
