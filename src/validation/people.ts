import { z } from "zod";
import { INVITATION_DAYS_DEFAULT, INVITATION_DAYS_MAX } from "~/shared/invitation";
import { zEmail, zId, zName, zPassword, zPeruMobile } from "./common";

export const ZCreateInvitationInput = z
  .object({
    ollaId: zId,
    inviteeName: zName(120).min(1),
    inviteePhone: zPeruMobile.nullable().optional(),
    inviteeEmail: zEmail.nullable().optional(),
    expiresInDays: z.number().int().min(1).max(INVITATION_DAYS_MAX).default(INVITATION_DAYS_DEFAULT),
  })
  .strict()
  .refine((v) => !!v.inviteePhone || !!v.inviteeEmail, { error: "validation.phoneOrEmail", path: ["inviteePhone"] });

export const ZInvitationCodeInput = z.object({ code: z.string().trim().min(1).max(40) }).strict();

export const ZAcceptInvitationInput = z
  .object({
    code: z.string().trim().min(1).max(40),
    name: zName(120).min(1),
    password: zPassword,
  })
  .strict();

export const ZRevokeInvitationInput = z.object({ ollaId: zId, invitationId: zId }).strict();
export const ZDeactivateMembershipInput = z.object({ ollaId: zId, membershipId: zId }).strict();
