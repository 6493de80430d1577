import { z } from "zod";
import { zId, zPassword } from "./common";

export const ZIssuePasswordResetInput = z.object({ ollaId: zId, membershipId: zId }).strict();
export const ZPasswordResetCodeInput = z.object({ code: z.string().trim().min(1).max(40) }).strict();
export const ZRedeemPasswordResetInput = z.object({ code: z.string().trim().min(1).max(40), password: zPassword }).strict();
