import { LogOut } from "lucide-react";
import { logout } from "~/app/actions";

/** A form, not a script: signing out works before JavaScript loads and costs no client code. `data-signout` lets the delegate's app warn about changes still to send and clear her cached pages first. */
export function LogoutButton({ label, className }: { label: string; className?: string }) {
  return (
    <form action={logout} className={className} data-signout="">
      <button type="submit" className="btn btn-quiet btn-sm w-full justify-start">
        <LogOut aria-hidden="true" size={18} />
        {label}
      </button>
    </form>
  );
}
