/** The identity of one staff member: their own certificate and key (in .runtime/users/<username>), issued by their organisation. */
export interface StaffIdentity {
  readonly username: string;
  readonly mspId: string;
}
