"use client";
import { createContext, useContext, type ReactNode } from "react";

export interface Person {
  userId: string;
  ollaId: string;
}
const PersonCtx = createContext<Person | null>(null);

/** Who is signed in on this page (rendered by the server for her): her queued changes are hers only. */
export function PersonProvider({ person, children }: { person: Person; children: ReactNode }) {
  return <PersonCtx.Provider value={person}>{children}</PersonCtx.Provider>;
}

export function usePerson(): Person | null {
  return useContext(PersonCtx);
}
