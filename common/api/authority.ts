// The one rule of who may manage whom, shared by the office (which enforces it) and the admin
// console (which does not offer what the office would refuse).

/** Whether an actor of this role may manage an account of the target role. */
export function mayManage(actorRole: string, targetRole: string): boolean {
  return targetRole === 'user' || actorRole === 'superadmin';
}

/**
 * Whether an actor of this role may change a person's outbound permission from `before` to
 * `after`. International calls are where toll fraud costs money, so only a super admin grants
 * them; any admin may narrow a permission, or leave an international one as it is.
 */
export function mayGrantOutbound(actorRole: string, before: string | null, after: string): boolean {
  return after !== 'international' || before === 'international' || actorRole === 'superadmin';
}
