/** Roles of DESIGN §1. A supervisor may do everything staff do. */
export const ROLES = ['front_desk', 'coder', 'biller', 'supervisor', 'admin', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF: readonly Role[] = ['front_desk', 'coder', 'biller', 'supervisor'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
