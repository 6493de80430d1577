/** The signed-in person a mutation acts as: who the audit trail and created rows name. */
export interface Actor {
  userId: string;
}
