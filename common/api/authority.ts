// The one rule of who may manage whom, shared by the office (which enforces it) and the admin
// console (which does not offer what the office would refuse).

/** Whether an actor of this role may manage an account of the target role. */
export function mayManage(actorRole: string, targetRole: string): boolean {
  return targetRole === 'user' || actorRole === 'superadmin';
}
