/** Days an invitation stays open: the form's default and the most a coordinator may choose. */
export const INVITATION_DAYS_DEFAULT = 7;
export const INVITATION_DAYS_MAX = 30;
