import { logout } from "~/app/actions";

/** A form, not a script: signing out works before JavaScript loads and costs no client code. */
export function LogoutButton({ label }: { label: string }) {
  return (
    <form action={logout}>
      <button type="submit" className="underline">
        {label}
      </button>
    </form>
  );
}
